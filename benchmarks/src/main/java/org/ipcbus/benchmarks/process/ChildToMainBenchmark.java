package org.ipcbus.benchmarks.process;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 6, ipcbus across a process, the child's side: calls a renderer process makes. The JMH
 * JVM is the renderer process ({@link EmbeddedRendererHost}: the renderer host bundle out of
 * {@code ipcbus-renderer-host.jar} in a Felix framework, connected the way a launched child
 * connects), and main runs in a forked JVM ({@link MainPeer}). The benchmark thread is a thread of
 * the renderer bundle calling its own {@code IpcRenderer}; SampleTime, p50 and p99.
 *
 * <ul>
 *   <li>{@code ipcbus_sendSync}: {@code sendSync("bench/ss", 4242)}, main's listener sets
 *       {@code returnValue = args[0]}.</li>
 *   <li>{@code ipcbus_invoke}: {@code invoke("bench/iv", 4242).getValue()}, main's handler returns
 *       {@code args[0]}.</li>
 *   <li>{@code ipcbus_childMainChild}: {@code send("bench/ec", 4242)}, main's listener answers
 *       {@code event.reply("bench/re", args[0])}, the renderer's listener hands it to the
 *       benchmark thread: Electron's renderer -> main -> renderer round trip.</li>
 * </ul>
 * Before JMH's warm-up, the setup makes 10 000 calls of each kind, to warm main's JVM up as well.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChildToMainBenchmark {

  /** Main in another JVM, this JVM a renderer process. */
  @State(Scope.Benchmark)
  public static class Child {
    static final String NAME = "bench-embedded";
    /** Calls of each kind that warm both JVMs up before JMH's warm-up. */
    static final int WARM_UP_CALLS = 10_000;
    final Rendezvous reply = new Rendezvous();
    /** The renderer process's {@code read.spin.us}: main applies it and tells this process. */
    @Param({"0", "50"})
    public long readSpinMicros;
    HelperJvm main;
    EmbeddedRendererHost host;
    IpcRenderer renderer;

    @Setup
    public void open() throws Exception {
      main = HelperJvm.start(MainPeer.class, NAME, Long.toString(readSpinMicros));
      String[] ready = main.ready().split(" ");
      try {
        host = EmbeddedRendererHost.start(NAME, ready[0], ready[1]);
      } catch (Exception e) {
        main.close();
        throw e;
      }
      renderer = host.renderer();
      renderer.on(Channels.REPLY, (event, args) -> reply.signal(args[0]));
      // Main's JIT, in the other JVM: more work than JMH's warm-up gives it (see README.md).
      for (int i = 0; i < WARM_UP_CALLS; i++) {
        renderer.sendSync(Channels.SEND_SYNC, Channels.MESSAGE);
        renderer.invoke(Channels.INVOKE, Channels.MESSAGE).getValue();
        childMainChild(this);
      }
    }

    @TearDown
    public void close() {
      host.close();
      main.close();
    }
  }

  @Benchmark
  public Object ipcbus_sendSync(Child child) {
    return child.renderer.sendSync(Channels.SEND_SYNC, Channels.MESSAGE);
  }

  @Benchmark
  public Object ipcbus_invoke(Child child) throws InvocationTargetException, InterruptedException {
    return child.renderer.invoke(Channels.INVOKE, Channels.MESSAGE).getValue();
  }

  @Benchmark
  public Object ipcbus_childMainChild(Child child) {
    return childMainChild(child);
  }

  static Object childMainChild(Child child) {
    child.reply.arm();
    child.renderer.send(Channels.ECHO, Channels.MESSAGE);
    return child.reply.await("main's reply on bench/re");
  }
}
