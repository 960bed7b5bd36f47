package org.ipcbus.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.WebContents;
import org.ipcbus.benchmarks.support.Buses;
import org.ipcbus.benchmarks.support.Counter;
import org.ipcbus.impl.bus.Renderer;
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
 * Scenario 5, fan-out: broadcasts per second when main sends one message ({@code 4242}) with
 * {@code webContents.send} to each of 1, 16 or 256 renderers, each with one listener that counts
 * (deliveries per second = broadcasts per second x renderers). One sending thread, as main is one;
 * each renderer has its own thread and its own queue of 10 000 messages (the default), so a
 * broadcast waits only when a renderer is that far behind.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class FanOutBenchmark {

  static final String CHANNEL = "bench/fanout";
  static final Integer MESSAGE = 4242;

  /** How many renderers receive each broadcast. */
  @Param({"1", "16", "256"})
  public int renderers;

  final Counter delivered = new Counter();
  Buses buses;
  List<WebContents> targets;

  @Setup
  public void open() {
    buses = new Buses();
    targets = new ArrayList<>(renderers);
    for (int i = 0; i < renderers; i++) {
      Renderer renderer = buses.newRenderer();
      renderer.client().on(CHANNEL, (event, args) -> delivered.increment());
      targets.add(renderer);
    }
  }

  @TearDown
  public void close() {
    buses.close();
  }

  @Benchmark
  public void ipcbus_webContents_send() {
    for (WebContents target : targets) {
      target.send(CHANNEL, MESSAGE);
    }
  }
}
