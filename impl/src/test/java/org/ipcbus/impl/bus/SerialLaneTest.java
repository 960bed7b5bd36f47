package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Main's lane leaves a stalled task behind in two looks (mark, then hand off if the same task still
 * runs), and each of its threads keeps a state of its own that it finishes before it waits.
 */
class SerialLaneTest {

  private final RecordingLog log = new RecordingLog();
  /** The threads' states, in the order the threads started. */
  private final List<CountingState> states = new CopyOnWriteArrayList<>();
  private final SerialLane lane = new SerialLane("lane-test", log, this::newState);

  @AfterEach
  void close() {
    lane.close(true);
    assertTrue(lane.awaitTermination(5_000));
  }

  private CountingState newState() {
    CountingState state = new CountingState();
    states.add(state);
    return state;
  }

  /** Counts the tasks its thread ran since it last waited, and how often it finished that count. */
  static final class CountingState implements SerialLane.ThreadState {
    int held;
    final AtomicInteger finished = new AtomicInteger();
    final ConcurrentLinkedQueue<Integer> batches = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeWait() {
      if (held > 0) {
        batches.add(held);
        held = 0;
      }
      finished.incrementAndGet();
    }
  }

  private static CountingState own() {
    return (CountingState) SerialLane.threadState();
  }

  /** Queues a task that waits for release; returns a latch that opens when the task runs. */
  private CountDownLatch offerStuck(CountDownLatch release) {
    CountDownLatch entered = new CountDownLatch(1);
    lane.offer(() -> {
      entered.countDown();
      await(release);
    });
    return entered;
  }

  @Test
  void aStalledTaskIsMarkedFirstAndLeftBehindAtTheNextLook() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    assertTrue(offerStuck(release).await(5, TimeUnit.SECONDS));

    assertNull(lane.handOffIfStalled(0), "the first look only marks the task");
    String leftBehind = lane.handOffIfStalled(0);
    assertNotNull(leftBehind, "the same task still runs at the second look");
    assertTrue(leftBehind.startsWith("lane-test has run one task for"), leftBehind);
    assertTrue(leftBehind.endsWith("lane-test-2 goes on with the queue"), leftBehind);

    String[] ranOn = new String[1];
    CountDownLatch ran = new CountDownLatch(1);
    lane.offer(() -> {
      ranOn[0] = Thread.currentThread().getName();
      ran.countDown();
    });
    assertTrue(ran.await(5, TimeUnit.SECONDS), "the next task runs while the stalled one is stuck");
    assertEquals("lane-test-2", ranOn[0]);
    release.countDown();
  }

  @Test
  void aTaskThatEndsBetweenTheTwoLooksIsNotLeftBehind() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch nextRelease = new CountDownLatch(1);
    CountDownLatch entered = offerStuck(release);
    CountDownLatch nextEntered = offerStuck(nextRelease);
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    assertNull(lane.handOffIfStalled(0), "marks the first task");

    release.countDown();
    assertTrue(nextEntered.await(5, TimeUnit.SECONDS));
    assertNull(lane.handOffIfStalled(0), "the marked task ended: the next one is only marked now");
    assertNotNull(lane.handOffIfStalled(0), "the next one is left behind at the look after");
    nextRelease.countDown();
  }

  @Test
  void aTaskShorterThanTheLimitIsNeverMarked() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    assertTrue(offerStuck(release).await(5, TimeUnit.SECONDS));
    for (int look = 0; look < 5; look++) {
      assertNull(lane.handOffIfStalled(TimeUnit.MINUTES.toNanos(1)));
    }
    release.countDown();
    assertEquals(1, states.size(), "no other thread was started");
  }

  @Test
  void eachThreadFinishesItsOwnStateBeforeItWaits() throws Exception {
    int tasks = 1_000;
    CountDownLatch done = new CountDownLatch(tasks);
    CountDownLatch gate = new CountDownLatch(1);
    lane.offer(() -> await(gate)); // so that the tasks below are queued when the lane runs them
    for (int i = 0; i < tasks; i++) {
      lane.offer(() -> {
        own().held++;
        done.countDown();
      });
    }
    gate.countDown();
    assertTrue(done.await(5, TimeUnit.SECONDS));
    CountingState state = states.get(0);
    awaitTrue(() -> state.batches.stream().mapToInt(Integer::intValue).sum() == tasks);
    assertTrue(state.batches.size() < tasks / 10, "finished per batch: " + state.batches.size());
    assertEquals(1, states.size(), "one thread");
  }

  @Test
  void aThreadLeftBehindFinishesItsStateWhenItsTaskReturns() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    lane.offer(() -> {
      own().held += 7; // put off by the task that then stalls
      entered.countDown();
      await(release);
    });
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    lane.handOffIfStalled(0);
    assertNotNull(lane.handOffIfStalled(0));
    CountDownLatch ran = new CountDownLatch(1);
    lane.offer(() -> {
      own().held += 3;
      ran.countDown();
    });
    assertTrue(ran.await(5, TimeUnit.SECONDS));
    awaitTrue(() -> states.size() == 2 && states.get(1).batches.contains(3));
    CountingState stalled = states.get(0);
    assertTrue(stalled.batches.isEmpty(), "nothing finished while its task is stuck");

    release.countDown();
    awaitTrue(() -> stalled.batches.contains(7));
    assertEquals(List.of(3), List.copyOf(states.get(1).batches), "the states were not shared");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(5);
    }
  }
}
