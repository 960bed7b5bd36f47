package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcTimeoutException;
import org.ipcbus.impl.clone.CloneLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The byte budget of the queues ({@code queue.bytes}), both ways: a renderer's queue towards main
 * and main's queue towards a renderer. A message of {@code byte[100]} is estimated at 108 bytes (8
 * for the reference, 100 for the array), so a budget of 1,000 bytes holds 9 of them.
 */
class QueueBytesTest {

  private static final long BUDGET = 1_000;
  private static final int MESSAGE_BYTES = 108;
  private static final int FITTING = 9;

  private final RecordingLog log = new RecordingLog();
  private Bus bus;
  private MainClient main;

  @AfterEach
  void stop() {
    bus.close();
  }

  /** Starts a bus with the settings and returns its first renderer, WebContents 1. */
  private Renderer start(BusConfig config) {
    bus = new Bus(config, log);
    main = new MainClient(bus, TestBundles.named("main"));
    return bus.renderers().acquire(TestBundles.named("renderer"));
  }

  private static BusConfig config(long timeoutMillis, long budget) {
    return BusConfig.of(timeoutMillis, timeoutMillis, 1_000).withQueueBytes(budget);
  }

  /** A message of 108 estimated bytes whose first byte tells which it is. */
  private static byte[] payload(int index) {
    byte[] payload = new byte[100];
    payload[0] = (byte) index;
    return payload;
  }

  private static List<Integer> upTo(int count) {
    return IntStream.range(0, count).boxed().toList();
  }

  @Test
  void aRendererQueuesAtMostTheBudgetForMainThenWaitsAndTimesOut() throws Exception {
    Renderer sender = start(config(300, BUDGET));
    List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
    main.on("data", (event, args) -> delivered.add((int) ((byte[]) args[0])[0]));
    CountDownLatch release = blockMain(sender.client());

    for (int i = 0; i < FITTING; i++) {
      sender.client().send("data", payload(i));
    }
    assertEquals(FITTING * MESSAGE_BYTES, sender.toMain().bytes());
    long start = System.nanoTime();
    IpcTimeoutException e = assertThrows(IpcTimeoutException.class,
        () -> sender.client().send("data", payload(FITTING)));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited >= 250, waited + " ms");
    assertEquals("main's queue for WebContents 1 stayed full (1000 bytes) for 300 ms; "
        + "the message has 108 bytes", e.getMessage());
    assertEquals(FITTING * MESSAGE_BYTES, sender.toMain().bytes(), "the refused message took nothing");

    release.countDown();
    sender.client().sendSync("drain");
    assertEquals(upTo(FITTING), delivered);
    assertEquals(0, sender.toMain().bytes(), "given back as main took them");
    assertEquals(0, sender.toMain().messages());
  }

  @Test
  void mainQueuesAtMostTheBudgetForARendererThenWaitsAndTimesOut() throws Exception {
    Renderer receiver = start(config(300, BUDGET));
    List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
    receiver.client().on("data", (event, args) -> delivered.add((int) ((byte[]) args[0])[0]));
    CountDownLatch release = blockRenderer(receiver);

    for (int i = 0; i < FITTING; i++) {
      receiver.send("data", payload(i));
    }
    assertEquals(FITTING * MESSAGE_BYTES, receiver.fromMain().bytes());
    long start = System.nanoTime();
    IpcTimeoutException e = assertThrows(IpcTimeoutException.class,
        () -> receiver.send("data", payload(FITTING)));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited >= 250, waited + " ms");
    assertEquals("the queue of WebContents 1 stayed full (1000 bytes) for 300 ms; "
        + "the message has 108 bytes", e.getMessage());

    release.countDown();
    await("every message delivered", () -> delivered.size() == FITTING);
    assertEquals(upTo(FITTING), delivered);
    await("the bytes given back", () -> receiver.fromMain().bytes() == 0);
    assertEquals(0, receiver.fromMain().messages());
  }

  @Test
  void oneMessageLargerThanTheBudgetPassesAloneBothWays() throws Exception {
    Renderer renderer = start(config(300, BUDGET));
    List<Integer> toMain = Collections.synchronizedList(new ArrayList<>());
    main.on("data", (event, args) -> toMain.add(((byte[]) args[0]).length));
    List<Integer> toRenderer = Collections.synchronizedList(new ArrayList<>());
    renderer.client().on("data", (event, args) -> toRenderer.add(((byte[]) args[0]).length));
    CountDownLatch mainBlocked = blockMain(renderer.client());
    CountDownLatch rendererBlocked = blockRenderer(renderer);

    renderer.client().send("data", new byte[5_000]); // 5 times the budget, into an empty queue
    renderer.send("data", new byte[5_000]);
    assertEquals(5_008, renderer.toMain().bytes());
    assertEquals(5_008, renderer.fromMain().bytes());
    // Nothing joins it, not even a small message.
    assertEquals("main's queue for WebContents 1 stayed full (1000 bytes) for 300 ms; the message "
        + "has 108 bytes", assertThrows(IpcTimeoutException.class,
            () -> renderer.client().send("data", new byte[100])).getMessage());
    assertThrows(IpcTimeoutException.class, () -> renderer.send("data", new byte[100]));

    mainBlocked.countDown();
    rendererBlocked.countDown();
    renderer.client().sendSync("drain");
    await("the renderer got its message", () -> toRenderer.size() == 1);
    assertEquals(List.of(5_000), toMain);
    assertEquals(List.of(5_000), toRenderer);
    await("the bytes given back", () -> renderer.toMain().bytes() + renderer.fromMain().bytes() == 0);
  }

  @Test
  void destroyingARendererGivesBackItsBytesAndEndsTheSendersWaitingForRoomAtOnce() throws Exception {
    Renderer renderer = start(config(10_000, BUDGET));
    CountDownLatch mainBlocked = blockMain(renderer.client());
    blockRenderer(renderer); // never released: destroying the renderer interrupts its listener
    for (int i = 0; i < FITTING; i++) {
      renderer.client().send("data", payload(i));
      renderer.send("data", payload(i));
    }
    CompletableFuture<Throwable> waitingForMain = failureOf(() -> {
      renderer.client().send("data", payload(FITTING));
      return null;
    });
    CompletableFuture<Throwable> waitingForRenderer = failureOf(() -> {
      renderer.send("data", payload(FITTING));
      return null;
    });
    assertThrows(TimeoutException.class, () -> waitingForMain.get(200, TimeUnit.MILLISECONDS));
    assertThrows(TimeoutException.class, () -> waitingForRenderer.get(1, TimeUnit.MILLISECONDS));

    bus.renderers().release(renderer.getBundle());
    String destroyed = "WebContents 1 is destroyed: its bundle stopped using ipcbus";
    Throwable failure = waitingForRenderer.get(1, TimeUnit.SECONDS);
    assertInstanceOf(IpcClosedException.class, failure);
    assertEquals(destroyed, failure.getMessage());
    failure = waitingForMain.get(1, TimeUnit.SECONDS);
    assertInstanceOf(IpcClosedException.class, failure);
    assertEquals(destroyed, failure.getMessage());
    // The messages main had not delivered to it are dropped, and their bytes with them.
    assertEquals(0, renderer.fromMain().bytes());
    assertEquals(0, renderer.fromMain().messages());
    // Those it sent to main are main's now: their bytes go back as main takes them.
    assertEquals(FITTING * MESSAGE_BYTES, renderer.toMain().bytes());
    mainBlocked.countDown();
    // Main has taken them all once it has answered another renderer's sendSync, queued behind them.
    bus.renderers().acquire(TestBundles.named("other")).client().sendSync("drain");
    assertEquals(0, renderer.toMain().bytes());
  }

  @Test
  void closingTheBusGivesBackTheBytesOfWhatItDrops() throws Exception {
    Renderer renderer = start(config(10_000, BUDGET));
    blockMain(renderer.client()); // never released: closing the bus interrupts the listener
    for (int i = 0; i < FITTING; i++) {
      renderer.client().send("data", payload(i));
    }
    CompletableFuture<Throwable> waiting = failureOf(() -> {
      renderer.client().send("data", payload(FITTING));
      return null;
    });
    assertThrows(TimeoutException.class, () -> waiting.get(200, TimeUnit.MILLISECONDS));
    bus.close();
    assertInstanceOf(IpcClosedException.class, waiting.get(1, TimeUnit.SECONDS));
    assertEquals(0, renderer.toMain().bytes());
    assertEquals(0, renderer.toMain().messages());
  }

  @Test
  void aNewBudgetAppliesAtOnceAndLosesNothing() throws Exception {
    Renderer sender = start(config(300, BUDGET));
    List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
    main.on("data", (event, args) -> delivered.add((int) ((byte[]) args[0])[0]));
    CountDownLatch release = blockMain(sender.client());
    for (int i = 0; i < FITTING; i++) {
      sender.client().send("data", payload(i));
    }

    // Smaller: the queue is past it; the next sender waits, nothing queued is lost.
    bus.reconfigure(config(300, 500));
    assertEquals("main's queue for WebContents 1 stayed full (500 bytes) for 300 ms; the message "
        + "has 108 bytes", assertThrows(IpcTimeoutException.class,
            () -> sender.client().send("data", payload(99))).getMessage());
    assertEquals(FITTING * MESSAGE_BYTES, sender.toMain().bytes());

    // Larger: a sender already waiting goes on at once.
    bus.reconfigure(config(5_000, 500));
    CompletableFuture<Throwable> waiting = failureOf(() -> {
      sender.client().send("data", payload(FITTING));
      return null;
    });
    assertThrows(TimeoutException.class, () -> waiting.get(200, TimeUnit.MILLISECONDS));
    long start = System.nanoTime();
    bus.reconfigure(config(5_000, 2_000));
    assertNull(waiting.get(1, TimeUnit.SECONDS));
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000);
    assertEquals((FITTING + 1) * MESSAGE_BYTES, sender.toMain().bytes());

    release.countDown();
    sender.client().sendSync("drain");
    assertEquals(upTo(FITTING + 1), delivered);
    assertEquals(0, sender.toMain().bytes());
  }

  @Test
  void concurrentSendersNeverQueueMoreThanTheBudgetEitherWay() throws Exception {
    long budget = 10_000;
    int perSender = 5_000;
    Renderer renderer = start(BusConfig.of(10_000, 10_000, 10_000).withQueueBytes(budget));
    AtomicLong atMain = new AtomicLong();
    AtomicLong atRenderer = new AtomicLong();
    main.on("load", (event, args) -> slowNowAndThen(atMain.incrementAndGet()));
    renderer.client().on("load", (event, args) -> slowNowAndThen(atRenderer.incrementAndGet()));
    LongAccumulator mostForMain = new LongAccumulator(Math::max, 0);
    LongAccumulator mostForRenderer = new LongAccumulator(Math::max, 0);
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        mostForMain.accumulate(renderer.toMain().bytes());
        mostForRenderer.accumulate(renderer.fromMain().bytes());
        Thread.yield();
      }
    });
    sampler.start();
    List<Thread> senders = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      senders.add(new Thread(() -> {
        for (int i = 0; i < perSender; i++) {
          renderer.client().send("load", new byte[ThreadLocalRandom.current().nextInt(1, 3_000)]);
        }
      }));
      senders.add(new Thread(() -> {
        for (int i = 0; i < perSender; i++) {
          renderer.send("load", new byte[ThreadLocalRandom.current().nextInt(1, 3_000)]);
        }
      }));
    }
    senders.forEach(Thread::start);
    for (Thread sender : senders) {
      sender.join(60_000);
    }
    renderer.client().sendSync("drain");
    await("every message reached the renderer", () -> atRenderer.get() == 2L * perSender);
    sampling.set(false);
    sampler.join();

    assertEquals(2L * perSender, atMain.get());
    assertTrue(mostForMain.get() <= budget, "main's queue held " + mostForMain.get() + " bytes");
    assertTrue(mostForRenderer.get() <= budget, "the renderer's queue held " + mostForRenderer.get() + " bytes");
    assertTrue(mostForMain.get() > budget / 2, "main's queue filled up: " + mostForMain.get());
    assertTrue(mostForRenderer.get() > budget / 2, "the renderer's queue filled up: " + mostForRenderer.get());
    await("the bytes given back", () -> renderer.toMain().bytes() + renderer.fromMain().bytes() == 0);
    assertEquals(0, renderer.toMain().messages() + renderer.fromMain().messages());
  }

  /**
   * A sender waiting for bytes is woken when they are given back: with a missed wake-up it would
   * wait out its 10 s timeout. One sender with room for one message hands over with the taker on
   * every message (the race a lost wake-up needs), then four senders share a tiny budget.
   */
  @Test
  void aSenderWaitingForBytesIsWokenWhenTheyAreGivenBack() throws Exception {
    bus = new Bus(BusConfig.DEFAULTS, log);
    assertEquals(List.of(), longWaits(new QueueLimit("the test queue", 1_000, 1), 1, 100_000, 1));
    assertEquals(List.of(), longWaits(new QueueLimit("the test queue", 1_000, 100), 4, 20_000, 59));
  }

  /**
   * Has senders push messages of random sizes through a queue limit to one taker.
   *
   * @return the waits for room of more than a second, in milliseconds
   */
  private static List<Long> longWaits(QueueLimit limit, int senderCount, int perSender, int largest)
      throws Exception {
    BlockingQueue<Long> queue = new LinkedBlockingQueue<>();
    Thread taker = new Thread(() -> {
      try {
        for (long size = queue.take(); size >= 0; size = queue.take()) {
          limit.leave(size);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    taker.start();
    List<Long> longWaits = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> senders = new ArrayList<>();
    for (int s = 0; s < senderCount; s++) {
      senders.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < perSender; i++) {
          long size = ThreadLocalRandom.current().nextLong(1, largest + 1);
          long start = System.nanoTime();
          limit.enter(size, 10_000);
          long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          if (waited > 1_000) {
            longWaits.add(waited);
          }
          queue.add(size);
        }
      }, runnable -> new Thread(runnable).start()));
    }
    CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    queue.add(-1L);
    taker.join();
    assertEquals(0, limit.bytes());
    assertEquals(0, limit.messages());
    return longWaits;
  }

  @Test
  void theBudgetIsPositiveAndDefaultsTo64MiB() {
    assertEquals(67_108_864L, BusConfig.DEFAULTS.queueBytes());
    assertEquals(67_108_864L, BusConfig.of(1, 1, 1).queueBytes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BusConfig(1, 1, 1, 0, CloneLimits.DEFAULTS, 1, 1));
    assertEquals("queueBytes must be positive, was 0", e.getMessage());
    bus = new Bus(BusConfig.DEFAULTS, log);
  }

  /** Every 64th message holds its thread a little, so that the queue behind it fills. */
  private static void slowNowAndThen(long count) {
    if (count % 64 == 0) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Holds main's thread in a listener until the returned latch is counted down. */
  private CountDownLatch blockMain(IpcRenderer renderer) throws InterruptedException {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    main.once("block", (event, args) -> {
      blocked.countDown();
      release.await();
    });
    renderer.send("block");
    assertTrue(blocked.await(5, TimeUnit.SECONDS));
    return release;
  }

  /** Holds the renderer's thread in a listener until the returned latch is counted down. */
  private static CountDownLatch blockRenderer(Renderer renderer) throws InterruptedException {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    renderer.client().once("block", (event, args) -> {
      blocked.countDown();
      release.await();
    });
    renderer.send("block");
    assertTrue(blocked.await(5, TimeUnit.SECONDS));
    return release;
  }

  /** Runs a call expected to fail on another thread; completes with what it threw, or null. */
  private static CompletableFuture<Throwable> failureOf(Callable<?> call) {
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        call.call();
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
    });
    thread.setDaemon(true);
    thread.start();
    return outcome;
  }

  /** Waits up to 10 s for the condition; also used by {@link QueueLimitTest}. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }
}
