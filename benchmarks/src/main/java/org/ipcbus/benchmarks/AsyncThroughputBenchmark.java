package org.ipcbus.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.benchmarks.support.Buses;
import org.ipcbus.benchmarks.support.Counter;
import org.ipcbus.benchmarks.support.Envelope;
import org.ipcbus.benchmarks.support.FelixEventAdmin;
import org.ipcbus.benchmarks.support.QueueConsumer;
import org.ipcbus.benchmarks.support.ThreadCpu;
import org.ipcbus.benchmarks.support.VertxEventBus;
import org.ipcbus.benchmarks.support.Window;
import org.ipcbus.impl.bus.BusConfig;
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
import org.osgi.service.event.Event;

/**
 * Scenario 1, async throughput: messages per second from 1 or 4 sending threads to one consumer
 * that counts them.
 *
 * <ul>
 *   <li>{@code ipcbus}: a renderer's {@code IpcRenderer.send(channel, 4242)}, delivered to a main
 *       listener on the bus's main thread. All sending threads share one renderer, whose queue to
 *       main holds 10 000 messages (the default): a sender that finds it full waits.</li>
 *   <li>{@code eventAdmin}: Felix EventAdmin 1.6.4 {@code postEvent} to one EventHandler, in a real
 *       Felix framework in this JVM.</li>
 *   <li>{@code vertx}: Vert.x 5.0.7 local event bus {@code send} to one consumer.</li>
 *   <li>{@code queue}: the limit, a plain ArrayBlockingQueue(10 000) handed to one consumer thread.</li>
 *   <li>{@code queueEnvelope}: the same queue carrying a fresh {@link Envelope} per message (the
 *       channel and a copied argument array, as any bus must carry), which the consumer opens: what
 *       handing a message from core to core costs on its own, apart from the bus.</li>
 * </ul>
 * EventAdmin and Vert.x have no bound of their own, so their senders take a permit of a
 * {@link Window} of 10 000 that the consumer gives back: every peer runs with the same in-flight
 * bound, and the send rate measured is the rate of consumption (give or take 10 000 messages).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AsyncThroughputBenchmark {

  static final String CHANNEL = "bench/async";
  static final Integer MESSAGE = 4242;
  static final int CAPACITY = BusConfig.DEFAULT_QUEUE_CAPACITY;
  static final long DRAIN_MILLIS = 30_000;

  /** ipcbus: one bus, one renderer shared by the sending threads, one counting main listener. */
  @State(Scope.Benchmark)
  public static class Ipcbus {
    final Counter delivered = new Counter();
    Buses buses;
    IpcRenderer renderer;
    long mainCpuStart;
    long deliveredStart;

    @Setup
    public void open() {
      buses = new Buses();
      buses.main().on(CHANNEL, (event, args) -> delivered.increment());
      renderer = buses.newRendererClient();
      renderer.send(CHANNEL, MESSAGE); // starts main's thread, whose CPU time is reported
      while (delivered.sum() == 0) {
        Thread.onSpinWait();
      }
      mainCpuStart = ThreadCpu.nanos("ipcbus-main");
      deliveredStart = delivered.sum();
    }

    @TearDown
    public void close() {
      ThreadCpu.report("ipcbus-main", mainCpuStart, delivered.sum() - deliveredStart);
      buses.close();
    }
  }

  /** EventAdmin: one handler that counts and gives the permit back. */
  @State(Scope.Benchmark)
  public static class EventAdminPeer {
    final Counter delivered = new Counter();
    final Window window = new Window(CAPACITY);
    FelixEventAdmin felix;

    @Setup
    public void open() {
      felix = FelixEventAdmin.start();
      felix.subscribe(CHANNEL, event -> {
        delivered.increment();
        window.leave();
      });
    }

    @TearDown
    public void close() {
      window.awaitDrained(CAPACITY, DRAIN_MILLIS);
      felix.close();
    }
  }

  /** Vert.x: one consumer that counts and gives the permit back. */
  @State(Scope.Benchmark)
  public static class VertxPeer {
    final Counter delivered = new Counter();
    final Window window = new Window(CAPACITY);
    VertxEventBus vertx;

    @Setup
    public void open() {
      vertx = new VertxEventBus();
      vertx.<Integer>consumer(CHANNEL, message -> {
        delivered.increment();
        window.leave();
      });
    }

    @TearDown
    public void close() {
      window.awaitDrained(CAPACITY, DRAIN_MILLIS);
      vertx.close();
    }
  }

  /** The limit: a bounded queue and one counting consumer thread. */
  @State(Scope.Benchmark)
  public static class QueueLimit {
    QueueConsumer queue;

    @Setup
    public void open() {
      queue = new QueueConsumer(CAPACITY);
    }

    @TearDown
    public void close() throws InterruptedException {
      queue.close();
    }
  }

  @Benchmark
  @Threads(1)
  public void ipcbus_send_t1(Ipcbus state) {
    state.renderer.send(CHANNEL, MESSAGE);
  }

  @Benchmark
  @Threads(4)
  public void ipcbus_send_t4(Ipcbus state) {
    state.renderer.send(CHANNEL, MESSAGE);
  }

  @Benchmark
  @Threads(1)
  public void eventAdmin_postEvent_t1(EventAdminPeer state) {
    postEvent(state);
  }

  @Benchmark
  @Threads(4)
  public void eventAdmin_postEvent_t4(EventAdminPeer state) {
    postEvent(state);
  }

  @Benchmark
  @Threads(1)
  public void vertx_send_t1(VertxPeer state) {
    vertxSend(state);
  }

  @Benchmark
  @Threads(4)
  public void vertx_send_t4(VertxPeer state) {
    vertxSend(state);
  }

  @Benchmark
  @Threads(1)
  public void queue_limit_t1(QueueLimit state) throws InterruptedException {
    state.queue.put(MESSAGE);
  }

  @Benchmark
  @Threads(4)
  public void queue_limit_t4(QueueLimit state) throws InterruptedException {
    state.queue.put(MESSAGE);
  }

  @Benchmark
  @Threads(1)
  public void queueEnvelope_limit_t1(QueueLimit state) throws InterruptedException {
    state.queue.put(Envelope.of(CHANNEL, MESSAGE));
  }

  @Benchmark
  @Threads(4)
  public void queueEnvelope_limit_t4(QueueLimit state) throws InterruptedException {
    state.queue.put(Envelope.of(CHANNEL, MESSAGE));
  }

  private static void postEvent(EventAdminPeer state) {
    state.window.enter();
    state.felix.eventAdmin().postEvent(new Event(CHANNEL, Map.of("args", MESSAGE)));
  }

  private static void vertxSend(VertxPeer state) {
    state.window.enter();
    state.vertx.eventBus().send(CHANNEL, MESSAGE);
  }
}
