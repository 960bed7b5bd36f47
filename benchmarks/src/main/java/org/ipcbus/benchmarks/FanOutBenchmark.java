package org.ipcbus.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
 * {@code webContents.send} to each of 1, 16, 256, 1 000 or 10 000 renderers, each with one listener
 * that counts (deliveries per second = broadcasts per second x renderers). One sending thread, as
 * main is one; the renderers share the bus's pool of about one thread per core, and each has its
 * own queue of 10 000 messages (the default). So that the rate is that of deliveries, not of
 * queues filling (10 000 renderers could hold 100 million queued messages), the sender also waits
 * while more than {@link #MAX_BEHIND} deliveries are still to be made.
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
  /** The most deliveries sent and not yet made before the sender waits for the renderers. */
  static final long MAX_BEHIND = 100_000;

  /** How many renderers receive each broadcast. */
  @Param({"1", "16", "256", "1000", "10000"})
  public int renderers;

  final Counter delivered = new Counter();
  Buses buses;
  List<WebContents> targets;
  long sent;

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
    sent += targets.size();
    while (sent - delivered.sum() > MAX_BEHIND) {
      LockSupport.parkNanos(50_000); // leaves the cores to the renderers
    }
  }
}
