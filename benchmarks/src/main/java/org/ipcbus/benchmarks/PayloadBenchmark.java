package org.ipcbus.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.benchmarks.support.Buses;
import org.ipcbus.benchmarks.support.Counter;
import org.ipcbus.benchmarks.support.Payloads;
import org.ipcbus.benchmarks.support.PlainCopy;
import org.ipcbus.impl.clone.CloneLimits;
import org.ipcbus.impl.clone.DataCloner;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 4, payload cost: the average time per operation (and, with {@code -prof gc}, the bytes
 * allocated per operation by all threads) of one payload (see {@link Payloads}: map, list or
 * byte[], of 1 KB, 64 KB or 1 MB on the heap), one sending thread:
 *
 * <ul>
 *   <li>{@code ipcbus_send}: {@code IpcRenderer.send(channel, payload)} to a main listener that
 *       counts; the renderer's queue to main holds 16 messages, so that the clones waiting stay
 *       few.</li>
 *   <li>{@code ipcbus_invoke}: {@code invoke(channel, payload).getValue()}, the handler answering
 *       with the number of arguments (the payload travels one way, as with send).</li>
 *   <li>{@code clone_only}: the clone a send makes, {@code DataCloner.cloneArgs} of the one-argument
 *       array, alone.</li>
 *   <li>{@code plain_copy}: a hand-written deep copy of the same payload ({@link PlainCopy}).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PayloadBenchmark {

  static final String SEND_CHANNEL = "bench/payload/send";
  static final String INVOKE_CHANNEL = "bench/payload/invoke";
  static final int QUEUE_CAPACITY = 16;

  /** The payload's shape. */
  @Param({"map", "list", "bytes"})
  public String kind;

  /** The payload's nominal size on the heap, in bytes. */
  @Param({"1024", "65536", "1048576"})
  public int size;

  final Counter delivered = new Counter();
  Object payload;
  Buses buses;
  IpcRenderer renderer;

  @Setup
  public void open() {
    payload = Payloads.build(kind, size);
    buses = new Buses(Buses.withQueueCapacity(QUEUE_CAPACITY));
    buses.main().on(SEND_CHANNEL, (event, args) -> delivered.increment());
    buses.main().handle(INVOKE_CHANNEL, (event, args) -> args.length);
    renderer = buses.newRendererClient();
  }

  @TearDown
  public void close() {
    buses.close();
  }

  @Benchmark
  public void ipcbus_send() {
    renderer.send(SEND_CHANNEL, payload);
  }

  @Benchmark
  public Object ipcbus_invoke() throws InvocationTargetException, InterruptedException {
    return renderer.invoke(INVOKE_CHANNEL, payload).getValue();
  }

  @Benchmark
  public Object clone_only() {
    return DataCloner.cloneArgs(new Object[] {payload}, CloneLimits.DEFAULTS);
  }

  @Benchmark
  public Object plain_copy() {
    return PlainCopy.deepCopy(payload);
  }
}
