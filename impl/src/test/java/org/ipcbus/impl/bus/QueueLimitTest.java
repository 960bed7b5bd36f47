package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * When a queue limit wakes the senders waiting for room: once a 64th of the queue is free, not at
 * every message taken (the taker, main's thread, would pay a wake-up per message), and a sender
 * that nobody woke still takes the room it finds at its deadline.
 */
class QueueLimitTest {

  private static final int CAPACITY = 640;
  private static final int WAKE_STEP = CAPACITY / QueueLimit.WAKE_FRACTION;

  @Test
  void waitingSendersAreWokenOnceASixtyFourthOfTheQueueIsFreeNotAtEveryMessage() throws Exception {
    QueueLimit limit = full();
    CompletableFuture<Void> sender = waitingSender(limit, 1, 30_000);

    for (int i = 1; i < WAKE_STEP; i++) {
      limit.leave(1);
    }
    Thread.sleep(100);
    assertFalse(sender.isDone(), "woken with " + (WAKE_STEP - 1) + " places free");
    assertTrue(limit.hasWaitingSenders());

    limit.leave(1);
    sender.get(5, TimeUnit.SECONDS);
    assertEquals(CAPACITY - WAKE_STEP + 1, limit.messages());
  }

  @Test
  void aSenderNobodyWokeTakesTheRoomItFindsAtItsDeadline() throws Exception {
    QueueLimit limit = full();
    long start = System.nanoTime();
    CompletableFuture<Void> sender = waitingSender(limit, 1, 300);
    limit.leave(1); // one place: not enough to wake anyone

    sender.get(5, TimeUnit.SECONDS); // no IpcTimeoutException
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
    assertEquals(CAPACITY, limit.messages());
  }

  @Test
  void aSenderWaitingForMoreBytesThanAreFreeIsWokenWhenTheQueueDrains() throws Exception {
    QueueLimit limit = new QueueLimit("the test queue", 64 * 64, 64);
    for (int i = 0; i < 64; i++) {
      limit.enter(1, 1_000); // the byte budget is full, the places are not
    }
    CompletableFuture<Void> big = waitingSender(limit, 64, 30_000);
    for (int i = 0; i < 64; i++) {
      limit.leave(1);
    }
    big.get(5, TimeUnit.SECONDS);
    assertEquals(64, limit.bytes());
  }

  @Test
  void aBatchOfPlacesGivenBackAtOnceWakesLikeSinglePlaces() throws Exception {
    QueueLimit limit = full();
    CompletableFuture<Void> sender = waitingSender(limit, 1, 30_000);
    assertFalse(limit.isWakeStep(WAKE_STEP - 1, WAKE_STEP - 1));
    limit.leave(WAKE_STEP - 1, WAKE_STEP - 1);
    Thread.sleep(100);
    assertFalse(sender.isDone(), "woken with " + (WAKE_STEP - 1) + " places free");

    assertTrue(limit.isWakeStep(1, 1) == (WAKE_STEP == 1));
    limit.leave(1, 1);
    sender.get(5, TimeUnit.SECONDS);
    assertEquals(CAPACITY - WAKE_STEP + 1, limit.messages());
  }

  @Test
  void mainGivesPlacesBackPerBatchHoldingFewerThanAWakeStepWhileAListenerIsStuck() throws Exception {
    Bus bus = new Bus(BusConfig.of(30_000, 30_000, CAPACITY), new RecordingLog());
    try {
      MainClient main = new MainClient(bus, TestBundles.named("main"));
      Renderer renderer = bus.renderers().acquire(TestBundles.named("renderer"));
      CountDownLatch stuck = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      main.on("count", (event, args) -> { });
      main.on("stuck", (event, args) -> {
        stuck.countDown();
        release.await();
      });
      int before = 2 * WAKE_STEP + WAKE_STEP / 2;
      for (int i = 0; i < before; i++) {
        renderer.client().send("count", i);
      }
      renderer.client().send("stuck");
      assertTrue(stuck.await(5, TimeUnit.SECONDS));
      // Main took every message; it gave back the places of two full batches and holds the rest.
      long held = renderer.toMain().messages();
      assertTrue(held > 0 && held < WAKE_STEP, held + " places held back, the step is " + WAKE_STEP);

      release.countDown();
      QueueBytesTest.await("every place given back", () -> renderer.toMain().messages() == 0);
      assertEquals(0, renderer.toMain().bytes());
    } finally {
      bus.close();
    }
  }

  /** Starts a sender that waits for room in the queue, and returns once it waits. */
  private static CompletableFuture<Void> waitingSender(QueueLimit limit, long size, long timeoutMillis)
      throws InterruptedException {
    CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> limit.enter(size, timeoutMillis),
        runnable -> new Thread(runnable, "waiting sender").start());
    QueueBytesTest.await("a sender waiting for room", limit::hasWaitingSenders);
    return sender;
  }

  private static QueueLimit full() {
    QueueLimit limit = new QueueLimit("the test queue", CAPACITY, Long.MAX_VALUE / 2);
    for (int i = 0; i < CAPACITY; i++) {
      limit.enter(1, 1_000);
    }
    return limit;
  }
}
