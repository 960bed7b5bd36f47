package org.ipcbus.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.benchmarks.support.Buses;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Scenario 3, invoke round trip: the latency distribution (SampleTime; p50 and p99 are read) of
 * {@code IpcRenderer.invoke(channel, 4242)} answered by a main handler that returns its first
 * argument, the caller blocking on {@code Promise.getValue()}; from 1 or 4 calling threads, each
 * its own renderer.
 *
 * <p>The peers of this scenario are the ones of {@link SyncRoundTripBenchmark} (EventAdmin
 * sendEvent, Vert.x request/reply, the ping-pong and direct-call limits): they measure the same
 * request and answer, so they are run once, in the same JMH run, and both scenarios are compared
 * with those numbers.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InvokeRoundTripBenchmark {

  static final String CHANNEL = "bench/invoke";
  static final Integer MESSAGE = 4242;

  /** One bus whose main handler answers every invoke with its first argument. */
  @State(Scope.Benchmark)
  public static class Ipcbus {
    Buses buses;

    @Setup
    public void open() {
      buses = new Buses();
      buses.main().handle(CHANNEL, (event, args) -> args[0]);
    }

    @TearDown
    public void close() {
      buses.close();
    }
  }

  /** The calling thread's own renderer. */
  @State(Scope.Thread)
  public static class IpcbusCaller {
    IpcRenderer renderer;

    @Setup
    public void acquire(Ipcbus bus) {
      renderer = bus.buses.newRendererClient();
    }
  }

  @Benchmark
  @Threads(1)
  public Object ipcbus_invoke_t1(IpcbusCaller caller) throws InvocationTargetException, InterruptedException {
    return caller.renderer.invoke(CHANNEL, MESSAGE).getValue();
  }

  @Benchmark
  @Threads(4)
  public Object ipcbus_invoke_t4(IpcbusCaller caller) throws InvocationTargetException, InterruptedException {
    return caller.renderer.invoke(CHANNEL, MESSAGE).getValue();
  }
}
