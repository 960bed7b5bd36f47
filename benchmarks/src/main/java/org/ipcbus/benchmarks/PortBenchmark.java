package org.ipcbus.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.MessageChannelMain;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.benchmarks.support.Buses;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 7, renderer to renderer: renderer A and renderer B of one bus, side by side over a
 * MessagePort (main set the channel up and is out of the path) and through main (A sends to main,
 * main's listener forwards to B with {@code webContents.send}, and back the same way).
 *
 * <ul>
 *   <li>{@code *_roundtrip}: SampleTime of one message A to B and B's echo back to A (p50, p99).
 *   <li>{@code *_oneway_batch}: Throughput of 1,000 messages A to B, counted when B has the last.
 *   <li>{@code port_roundtrip_mainIdle}: the port round trip again, with the CPU time main's
 *       dispatch thread used during each iteration as the counter {@code mainCpuNanos}: about 0
 *       if port traffic never touches main's thread.
 * </ul>
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PortBenchmark {

  static final int BATCH = 1_000;

  /** Two renderers, connected both ways: by a port, and through main's forwarding listeners. */
  @State(Scope.Benchmark)
  public static class Pair {
    Buses buses;
    MessagePortMain atA;
    final BlockingQueue<Object> toA = new ArrayBlockingQueue<>(BATCH * 2);
    final BlockingQueue<Object> toB = new ArrayBlockingQueue<>(BATCH * 2);
    IpcRenderer a;
    IpcRenderer b;
    volatile boolean echo = true;

    @Setup
    public void open() throws Exception {
      buses = new Buses();
      IpcMain main = buses.main();
      a = buses.newRendererClient();
      b = buses.newRendererClient();
      CompletableFuture<MessagePortMain> portA = new CompletableFuture<>();
      CompletableFuture<MessagePortMain> portB = new CompletableFuture<>();
      a.on("port", (event, args) -> portA.complete(event.getPorts().get(0)));
      b.on("port", (event, args) -> portB.complete(event.getPorts().get(0)));
      MessageChannelMain channel = main.newMessageChannel();
      main.fromId(a.getId()).orElseThrow().postMessage("port", null, channel.getPort1());
      main.fromId(b.getId()).orElseThrow().postMessage("port", null, channel.getPort2());
      atA = portA.get(10, TimeUnit.SECONDS);
      MessagePortMain atB = portB.get(10, TimeUnit.SECONDS);
      atA.onMessage(event -> toA.put(event.getData())).start();
      atB.onMessage(event -> {
        if (echo) {
          atB.postMessage(event.getData());
        } else {
          toB.put(event.getData());
        }
      }).start();

      // Through main: main forwards A's messages to B and B's to A.
      main.on("to-b", (event, args) -> main.fromId(b.getId()).orElseThrow().send("from-a", args[0]));
      main.on("to-a", (event, args) -> main.fromId(a.getId()).orElseThrow().send("from-b", args[0]));
      b.on("from-a", (event, args) -> {
        if (echo) {
          b.send("to-a", args[0]);
        } else {
          toB.put(args[0]);
        }
      });
      a.on("from-b", (event, args) -> toA.put(args[0]));
    }

    @TearDown
    public void close() {
      buses.close();
    }
  }

  /** The batches are one way: B keeps what it gets instead of echoing it. */
  @State(Scope.Benchmark)
  public static class OneWay {
    @Setup(Level.Trial)
    public void oneWay(Pair pair) {
      pair.echo = false;
    }
  }

  /** The CPU time of main's dispatch thread during one iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class MainIdle {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    public long mainCpuNanos;
    private long mainThreadId = -1;
    private long before;

    @Setup(Level.Iteration)
    public void start(Pair pair) throws Exception {
      pair.a.send("to-b", 0); // main's thread exists from its first task on
      if (pair.echo) {
        pair.toA.take();
      } else {
        pair.toB.take();
      }
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().equals("ipcbus-main")) {
          mainThreadId = thread.getId();
        }
      }
      before = cpu();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      mainCpuNanos = mainThreadId < 0 ? -1 : cpu() - before;
    }

    private long cpu() {
      return mainThreadId < 0 ? 0 : Math.max(0, THREADS.getThreadCpuTime(mainThreadId));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object port_roundtrip(Pair pair) throws InterruptedException {
    pair.atA.postMessage(4242);
    return pair.toA.take();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object throughMain_roundtrip(Pair pair) throws InterruptedException {
    pair.a.send("to-b", 4242);
    return pair.toA.take();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object port_roundtrip_mainIdle(Pair pair, MainIdle idle) throws InterruptedException {
    pair.atA.postMessage(4242);
    return pair.toA.take();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public Object port_oneway_batch(Pair pair, OneWay oneWay) throws InterruptedException {
    for (int i = 0; i < BATCH; i++) {
      pair.atA.postMessage(i);
    }
    Object last = null;
    for (int i = 0; i < BATCH; i++) {
      last = pair.toB.take();
    }
    return last;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public Object throughMain_oneway_batch(Pair pair, OneWay oneWay) throws InterruptedException {
    for (int i = 0; i < BATCH; i++) {
      pair.a.send("to-b", i);
    }
    Object last = null;
    for (int i = 0; i < BATCH; i++) {
      last = pair.toB.take();
    }
    return last;
  }
}
