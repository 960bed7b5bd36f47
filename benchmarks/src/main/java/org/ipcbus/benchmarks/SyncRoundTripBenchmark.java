package org.ipcbus.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.benchmarks.support.Buses;
import org.ipcbus.benchmarks.support.FelixEventAdmin;
import org.ipcbus.benchmarks.support.PingPong;
import org.ipcbus.benchmarks.support.VertxEventBus;
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
 * Scenario 2, sync round trip: the latency distribution (JMH SampleTime; p50 and p99 are read) of
 * one blocking request and its answer, from 1 or 4 calling threads. The request carries the
 * Integer 4242 and the answer is that value.
 *
 * <ul>
 *   <li>{@code ipcbus}: {@code IpcRenderer.sendSync}; a main listener answers with
 *       {@code event.setReturnValue(args[0])}. Each calling thread is its own renderer.</li>
 *   <li>{@code eventAdmin}: Felix EventAdmin {@code sendEvent}; the handler writes the answer into
 *       a holder passed in the event's properties (EventAdmin has no reply). With EventAdmin's
 *       default handler time-out the handler runs on a pool thread while the caller waits.</li>
 *   <li>{@code vertx}: Vert.x {@code request} and {@code reply}, the caller waiting with
 *       {@code Future.await()}.</li>
 *   <li>{@code queue_pingPong}: the limit, a two-thread ping-pong through ArrayBlockingQueues (one
 *       responder thread for all callers, like the bus's one main thread).</li>
 *   <li>{@code direct_call}: the other limit, the answering function called on the caller's thread.</li>
 * </ul>
 * {@link InvokeRoundTripBenchmark} measures ipcbus {@code invoke} against these same peers.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SyncRoundTripBenchmark {

  static final String CHANNEL = "bench/sync";
  static final Integer MESSAGE = 4242;

  /** ipcbus: one bus whose main listener answers every sendSync with its first argument. */
  @State(Scope.Benchmark)
  public static class Ipcbus {
    Buses buses;

    @Setup
    public void open() {
      buses = new Buses();
      buses.main().on(CHANNEL, (event, args) -> event.setReturnValue(args[0]));
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

  /** EventAdmin: one handler answering through the holder in the event. */
  @State(Scope.Benchmark)
  public static class EventAdminPeer {
    FelixEventAdmin felix;

    @Setup
    public void open() {
      felix = FelixEventAdmin.start();
      felix.subscribe(CHANNEL, event -> ((Reply) event.getProperty("reply")).value = event.getProperty("args"));
    }

    @TearDown
    public void close() {
      felix.close();
    }
  }

  /** Where an EventAdmin handler puts its answer; one per calling thread. */
  @State(Scope.Thread)
  public static class Reply {
    volatile Object value;
  }

  /** Vert.x: one consumer replying with the body. */
  @State(Scope.Benchmark)
  public static class VertxPeer {
    VertxEventBus vertx;

    @Setup
    public void open() {
      vertx = new VertxEventBus();
      vertx.<Integer>consumer(CHANNEL, message -> message.reply(message.body()));
    }

    @TearDown
    public void close() {
      vertx.close();
    }
  }

  /** The limit: one responder thread. */
  @State(Scope.Benchmark)
  public static class PingPongLimit {
    PingPong pingPong;

    @Setup
    public void open() {
      pingPong = new PingPong(BusConfig.DEFAULT_QUEUE_CAPACITY);
    }

    @TearDown
    public void close() throws InterruptedException {
      pingPong.close();
    }
  }

  /** The calling thread's reusable ping-pong request. */
  @State(Scope.Thread)
  public static class PingPongCaller {
    final PingPong.Request request = PingPong.Request.create();
  }

  /** The direct call's answering function. */
  @State(Scope.Thread)
  public static class Direct {
    final UnaryOperator<Object> answer = value -> value;
  }

  @Benchmark
  @Threads(1)
  public Object ipcbus_sendSync_t1(IpcbusCaller caller) {
    return caller.renderer.sendSync(CHANNEL, MESSAGE);
  }

  @Benchmark
  @Threads(4)
  public Object ipcbus_sendSync_t4(IpcbusCaller caller) {
    return caller.renderer.sendSync(CHANNEL, MESSAGE);
  }

  @Benchmark
  @Threads(1)
  public Object eventAdmin_sendEvent_t1(EventAdminPeer peer, Reply reply) {
    return sendEvent(peer, reply);
  }

  @Benchmark
  @Threads(4)
  public Object eventAdmin_sendEvent_t4(EventAdminPeer peer, Reply reply) {
    return sendEvent(peer, reply);
  }

  @Benchmark
  @Threads(1)
  public Object vertx_request_t1(VertxPeer peer) {
    return request(peer);
  }

  @Benchmark
  @Threads(4)
  public Object vertx_request_t4(VertxPeer peer) {
    return request(peer);
  }

  @Benchmark
  @Threads(1)
  public Object queue_pingPong_t1(PingPongLimit limit, PingPongCaller caller) throws InterruptedException {
    return limit.pingPong.call(caller.request, MESSAGE);
  }

  @Benchmark
  @Threads(4)
  public Object queue_pingPong_t4(PingPongLimit limit, PingPongCaller caller) throws InterruptedException {
    return limit.pingPong.call(caller.request, MESSAGE);
  }

  @Benchmark
  @Threads(1)
  public Object direct_call_t1(Direct direct) {
    return direct.answer.apply(MESSAGE);
  }

  @Benchmark
  @Threads(4)
  public Object direct_call_t4(Direct direct) {
    return direct.answer.apply(MESSAGE);
  }

  private static Object sendEvent(EventAdminPeer peer, Reply reply) {
    peer.felix.eventAdmin().sendEvent(new Event(CHANNEL, Map.of("args", MESSAGE, "reply", reply)));
    return reply.value;
  }

  private static Object request(VertxPeer peer) {
    return peer.vertx.eventBus().<Integer>request(CHANNEL, MESSAGE).await().body();
  }
}
