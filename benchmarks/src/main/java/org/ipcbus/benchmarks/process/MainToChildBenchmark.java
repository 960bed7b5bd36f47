package org.ipcbus.benchmarks.process;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 6, ipcbus across a process, main's side: the JMH JVM is main ({@link ChildProcesses}:
 * the plain-Java bus and {@code RendererProcesses}), and the child is a real renderer process that
 * main launched ({@code ipcbus-renderer-host.jar} with the benchmark's renderer bundle,
 * {@code benchmarks/child-bundle}).
 *
 * <ul>
 *   <li>{@code ipcbus_mainChildMain}: main's {@code webContents.send("bench/rt", 4242)}; the child's
 *       listener answers {@code ipcRenderer.send("bench/rb", args[0])}; main's listener hands the
 *       answer to the benchmark thread, which waited for it parked (SampleTime: p50, p99).</li>
 *   <li>{@code ipcbus_childFlood}: main asks the child for 20 000 messages ({@code webContents.send
 *       ("bench/fl", 20000)}); the child's listener sends them with {@code ipcRenderer.send
 *       ("bench/tp", 4242)} as fast as send returns; main's listener counts them and wakes the
 *       benchmark thread at the last one. One operation is one message counted by main (Throughput:
 *       msgs/s from one child). The ask and the drain at the end of each batch are included; they
 *       cost one round trip per 20 000 messages.</li>
 * </ul>
 * Before JMH's warm-up, the setup warms the child up with 500 000 flooded messages and 20 000
 * round trips: its JIT needs more than JMH's 3 x 2 s on 2 shared cores (a smoke run went from
 * 36 000 to 670 000 msgs/s over its first 5 iterations).
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class MainToChildBenchmark {

  /** Messages per flood. */
  static final int FLOOD = 20_000;
  /** Floods (of 20 000) and round trips that warm the child up before JMH's warm-up. */
  static final int WARM_UP_FLOODS = 25;
  static final int WARM_UP_ROUND_TRIPS = 20_000;

  /** Main with one renderer process. */
  @State(Scope.Benchmark)
  public static class Main {
    final Rendezvous answer = new Rendezvous();
    final AtomicLong counted = new AtomicLong();
    volatile long floodTarget;
    ChildProcesses processes;
    ChildProcesses.Child child;

    @Setup
    public void open() {
      processes = new ChildProcesses(false);
      processes.main().on(Channels.ROUND_TRIP_BACK, (event, args) -> answer.signal(args[0]));
      processes.main().on(Channels.THROUGHPUT, (event, args) -> {
        if (counted.incrementAndGet() == floodTarget) {
          answer.signal(Boolean.TRUE);
        }
      });
      child = processes.launch("bench-child");
      // The child's JIT: more work than JMH's warm-up gives it on 2 shared cores (see README.md).
      for (int i = 0; i < WARM_UP_FLOODS; i++) {
        flood(this);
      }
      for (int i = 0; i < WARM_UP_ROUND_TRIPS; i++) {
        roundTrip(this);
      }
    }

    @TearDown
    public void close() {
      processes.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object ipcbus_mainChildMain(Main main) {
    return roundTrip(main);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(FLOOD)
  public Object ipcbus_childFlood(Main main) {
    return flood(main);
  }

  static Object roundTrip(Main main) {
    main.answer.arm();
    main.child.webContents().send(Channels.ROUND_TRIP, Channels.MESSAGE);
    return main.answer.await("the child's answer to bench/rt");
  }

  static Object flood(Main main) {
    main.floodTarget += FLOOD;
    main.answer.arm();
    main.child.webContents().send(Channels.FLOOD, FLOOD);
    return main.answer.await("the " + FLOOD + " messages of a flood (counted " + main.counted.get() + " of "
        + main.floodTarget + ")");
  }
}
