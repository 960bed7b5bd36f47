package org.ipcbus.benchmarks.process;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 6, child start: the time from {@code RendererProcesses.start} (main launches the JVM)
 * to main's listener receiving the first message of the child's renderer bundle, which it sends
 * from its activator once its listeners are registered (SingleShotTime: one launch per iteration;
 * the child is stopped after each, outside the measured time). The warm-up iterations also warm
 * main's side; the OS's file cache is warm from the start, as it is for any process launched
 * after the first.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class ChildStartBenchmark {

  ChildProcesses processes;
  ChildProcesses.Child child;
  int launches;

  @Setup(Level.Trial)
  public void open() {
    processes = new ChildProcesses(false);
  }

  @TearDown(Level.Iteration)
  public void stopChild() {
    if (child != null) {
      processes.stop(child);
      child = null;
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    processes.close();
  }

  @Benchmark
  public Object ipcbus_childStart_toFirstMessage() {
    child = processes.launch("bench-start-" + launches++);
    return child;
  }
}
