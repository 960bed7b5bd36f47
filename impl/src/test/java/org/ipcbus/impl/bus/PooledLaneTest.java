package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The renderers' serial lanes on their shared pool, without a bus around them. */
class PooledLaneTest {

  private final RecordingLog log = new RecordingLog();
  private RendererPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close(true);
      assertTrue(pool.awaitTermination(2_000), "the pool's threads end at close");
    }
  }

  /** A lane's tasks from one producer: in order, never two at once, each on a thread of the lane. */
  private static final class Checked {
    final PooledLane lane;
    final int producers;
    final int[] next;
    final AtomicBoolean inside = new AtomicBoolean();
    final AtomicReference<String> problem = new AtomicReference<>();
    final AtomicInteger ran = new AtomicInteger();

    Checked(PooledLane lane, int producers) {
      this.lane = lane;
      this.producers = producers;
      this.next = new int[producers];
    }

    Runnable task(int producer, int sequence) {
      return () -> {
        if (!inside.compareAndSet(false, true)) {
          problem.compareAndSet(null, "two tasks of one lane at once");
        }
        if (!lane.isCurrentThread()) {
          problem.compareAndSet(null, "isCurrentThread false in the lane's own task");
        }
        if (next[producer] != sequence) { // only this lane's tasks touch it, one at a time
          problem.compareAndSet(null, "producer " + producer + ": " + sequence + " after " + next[producer]);
        }
        next[producer] = sequence + 1;
        ran.incrementAndGet();
        inside.set(false);
      };
    }
  }

  @Test
  void manyProducersOnManyLanesKeepEachLanesOrderAndNeverOverlap() throws Exception {
    pool = new RendererPool("test-lanes", 2, log);
    int lanes = 200;
    int producers = 4;
    int perLane = 200; // per producer: 4 x 200 x 200 = 160,000 tasks
    List<Checked> checked = new ArrayList<>();
    for (int i = 0; i < lanes; i++) {
      checked.add(new Checked(pool.newLane(), producers));
    }
    // Each producer sends 0..perLane-1 to every lane, visiting the lanes in its own order.
    List<CompletableFuture<Void>> sending = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int producer = p;
      sending.add(CompletableFuture.runAsync(() -> {
        for (int sequence = 0; sequence < perLane; sequence++) {
          for (int n = 0; n < lanes; n++) {
            Checked lane = checked.get((n + producer * 53) % lanes);
            assertTrue(lane.lane.offer(lane.task(producer, sequence)));
          }
        }
      }));
    }
    CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int expected = producers * perLane;
    for (Checked lane : checked) {
      while (lane.ran.get() < expected && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(expected, lane.ran.get());
      assertNull(lane.problem.get());
    }
    assertFalse(checked.get(0).lane.isCurrentThread(), "not on a lane's thread here");
    assertEquals(2, pool.threads());
    assertTrue(log.errors.isEmpty(), log.errors.toString());
  }

  @Test
  void closeInterruptsOnlyTheClosedLanesTask() throws Exception {
    pool = new RendererPool("test-lanes", 1, log); // one worker: the next lane runs on the same thread
    PooledLane closed = pool.newLane();
    PooledLane other = pool.newLane();
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    closed.offer(() -> {
      running.countDown();
      try {
        Thread.sleep(10_000);
        interrupted.complete(false);
      } catch (InterruptedException e) {
        interrupted.complete(true);
      }
    });
    assertTrue(running.await(5, TimeUnit.SECONDS));
    AtomicBoolean dropped = new AtomicBoolean(true);
    closed.offer(() -> dropped.set(false));
    CompletableFuture<Boolean> otherInterrupted = new CompletableFuture<>();
    other.offer(() -> otherInterrupted.complete(Thread.currentThread().isInterrupted()));
    assertEquals(1, closed.close(true).size(), "the task not yet started is dropped");
    assertTrue(interrupted.get(5, TimeUnit.SECONDS));
    assertFalse(otherInterrupted.get(5, TimeUnit.SECONDS), "another lane's task on the same thread");
    assertTrue(dropped.get());
    assertFalse(closed.offer(() -> { }));
    AtomicReference<String> ranOn = new AtomicReference<>();
    closed.execute(() -> ranOn.set(Thread.currentThread().getName()));
    assertEquals(Thread.currentThread().getName(), ranOn.get(), "a closed lane runs a callback in place");
  }

  @Test
  void aStalledTurnIsLeftBehindAndAnotherWorkerTakesItsPlace() throws Exception {
    pool = new RendererPool("test-lanes", 1, log);
    PooledLane stuck = pool.newLane();
    PooledLane other = pool.newLane();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger after = new AtomicInteger();
    stuck.offer(() -> {
      running.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stuck.offer(after::incrementAndGet); // waits for its own lane's task, whatever the pool does
    assertTrue(running.await(5, TimeUnit.SECONDS));
    CompletableFuture<String> otherRan = new CompletableFuture<>();
    other.offer(() -> otherRan.complete(Thread.currentThread().getName()));
    Thread.sleep(50);
    assertFalse(otherRan.isDone(), "the only worker is held");

    String described = pool.handOffStalled(TimeUnit.MILLISECONDS.toNanos(10));
    assertNotNull(described);
    assertTrue(described.startsWith("test-lanes-1 has run one turn of "), described);
    assertTrue(described.endsWith("test-lanes-2 takes its place"), described);
    assertEquals("test-lanes-2", otherRan.get(5, TimeUnit.SECONDS));
    assertEquals(0, after.get(), "the stuck lane's next task still waits for it");
    assertNull(pool.handOffStalled(TimeUnit.MILLISECONDS.toNanos(10)), "left behind once only");

    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while ((after.get() == 0 || pool.threads() > 1) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(1, after.get());
    assertEquals(1, pool.threads(), "the worker left behind ended after its turn");
  }

  @Test
  void aLaneWithADeepQueueLetsTheOthersHaveTheirTurn() throws Exception {
    pool = new RendererPool("test-lanes", 1, log);
    PooledLane deep = pool.newLane();
    PooledLane shallow = pool.newLane();
    AtomicInteger deepRan = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    deep.offer(() -> {
      try {
        gate.await(5, TimeUnit.SECONDS); // holds the worker until both lanes have work
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    for (int i = 0; i < 10 * PooledLane.BATCH; i++) {
      deep.offer(deepRan::incrementAndGet);
    }
    CompletableFuture<Integer> deepRanBefore = new CompletableFuture<>();
    shallow.offer(() -> deepRanBefore.complete(deepRan.get()));
    gate.countDown();
    int before = deepRanBefore.get(5, TimeUnit.SECONDS);
    assertTrue(before < PooledLane.BATCH, before + " tasks of the deep lane ran first");
  }
}
