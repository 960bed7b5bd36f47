package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.WebContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand renderers, each listening, on the plain-Java bus: the renderers share a pool of about
 * the number of cores, and still each gets main's messages in order, one at a time, and a listener
 * that blocks holds up only its own renderer.
 */
class RendererScaleTest {

  private static final int RENDERERS = 10_000;
  private static final int ROUNDS = 20;
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private final RecordingLog log = new RecordingLog();
  private Bus bus;
  private IpcMain main;
  private final List<Receiver> receivers = new ArrayList<>();

  /** One renderer's listener: what it got, in order, and whether two calls ever overlapped. */
  private static final class Receiver {
    final Renderer renderer;
    final List<Integer> received = new ArrayList<>(); // only its lane touches it, one at a time
    final AtomicBoolean inside = new AtomicBoolean();
    final AtomicReference<String> overlap = new AtomicReference<>();
    final AtomicBoolean laneCurrent = new AtomicBoolean(true);
    volatile CountDownLatch blockedUntil;
    volatile int count;

    Receiver(Renderer renderer) {
      this.renderer = renderer;
    }

    void onMessage(Object value) throws InterruptedException {
      if (!inside.compareAndSet(false, true)) {
        overlap.set("two listener calls at once on " + renderer);
      }
      try {
        if (value instanceof String) {
          CountDownLatch latch = blockedUntil;
          latch.await(10, TimeUnit.SECONDS); // blocked for 10 s, unless the test ends it sooner
          return;
        }
        laneCurrent.compareAndSet(true, renderer.laneIsCurrentThread());
        received.add((Integer) value);
        count = received.size();
      } finally {
        inside.set(false);
      }
    }
  }

  @BeforeEach
  void start() {
    bus = new Bus(BusConfig.of(30_000, 30_000, 1_000), log);
    main = new MainClient(bus, TestBundles.named("main"));
    for (int i = 0; i < RENDERERS; i++) {
      Renderer renderer = bus.renderers().acquire(TestBundles.named("renderer." + i));
      Receiver receiver = new Receiver(renderer);
      renderer.client().on("broadcast", (event, args) -> receiver.onMessage(args[0]));
      receivers.add(receiver);
    }
  }

  @AfterEach
  void stop() {
    receivers.forEach(receiver -> {
      CountDownLatch latch = receiver.blockedUntil;
      if (latch != null) {
        latch.countDown();
      }
    });
    bus.close();
  }

  private static long ipcbusThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("ipcbus-") && thread.isAlive()).count();
  }

  private void broadcast(Object value) {
    for (WebContents contents : main.getAllWebContents()) {
      contents.send("broadcast", value);
    }
  }

  private static void awaitCount(List<Receiver> receivers, int count, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (Receiver receiver : receivers) {
      while (receiver.count < count) {
        assertTrue(System.nanoTime() < deadline, receiver.renderer + " got " + receiver.count
            + " of " + count + " within " + millis + " ms");
        Thread.sleep(1);
      }
    }
  }

  @Test
  void aBroadcastReachesEveryRendererInOrderOnABoundedPool() throws Exception {
    assertEquals(RENDERERS, main.getAllWebContents().size());
    for (int round = 0; round < ROUNDS; round++) {
      broadcast(round);
      assertTrue(ipcbusThreads() <= CORES + 8, ipcbusThreads() + " ipcbus threads");
    }
    awaitCount(receivers, ROUNDS, 60_000);
    List<Integer> expected = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      expected.add(round);
    }
    for (Receiver receiver : receivers) {
      assertEquals(expected, receiver.received, "messages of " + receiver.renderer);
      assertEquals(null, receiver.overlap.get());
      assertTrue(receiver.laneCurrent.get(), "isCurrentThread in the listener of " + receiver.renderer);
    }
    long threads = ipcbusThreads();
    // main, the timer and the pool
    assertTrue(threads <= CORES + 8, threads + " ipcbus threads for " + RENDERERS + " renderers");
    assertTrue(bus.rendererPool().threads() <= CORES, bus.rendererPool().threads() + " pool threads");
    assertTrue(log.errors.isEmpty(), log.errors.toString());
  }

  @Test
  void listenersBlockedForTenSecondsDelayNoOtherRenderer() throws Exception {
    // More blocked renderers than the pool has workers: without the hand-off every worker would wait.
    int blockedCount = CORES + 2;
    List<Receiver> blocked = receivers.subList(0, blockedCount);
    List<Receiver> others = receivers.subList(blockedCount, RENDERERS);
    CountDownLatch release = new CountDownLatch(1);
    for (Receiver receiver : blocked) {
      receiver.blockedUntil = release;
      receiver.renderer.send("broadcast", "block");
    }
    long start = System.nanoTime();
    for (int round = 0; round < 5; round++) {
      broadcast(round);
    }
    // The others are served while the blocked ones wait: far within the 10 s their listeners block.
    awaitCount(others, 5, 5_000);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    for (Receiver receiver : blocked) {
      assertEquals(0, receiver.count, "a blocked renderer's later messages wait for its listener");
    }
    long threads = ipcbusThreads();
    assertTrue(threads <= CORES + 8, threads + " ipcbus threads with " + blockedCount + " blocked");
    assertTrue(log.warnings.stream().anyMatch(w -> w.startsWith("A renderer listener held a pool thread")),
        log.warnings.toString());

    release.countDown();
    awaitCount(blocked, 5, 10_000);
    for (Receiver receiver : receivers) {
      assertEquals(List.of(0, 1, 2, 3, 4), receiver.received, "messages of " + receiver.renderer);
      assertEquals(null, receiver.overlap.get());
    }
    assertTrue(millis < 5_000, "the others took " + millis + " ms");
  }

  @Test
  void aRendererWithADeepQueueDoesNotStarveTheOthers() throws Exception {
    Receiver deep = receivers.get(0);
    AtomicInteger slow = new AtomicInteger();
    deep.renderer.client().on("deep", (event, args) -> {
      slow.incrementAndGet();
      Thread.sleep(0, 200_000);
    });
    WebContents deepContents = main.fromId(deep.renderer.getId()).orElseThrow();
    for (int i = 0; i < 1_000; i++) {
      deepContents.send("deep", i);
    }
    long start = System.nanoTime();
    for (int i = 1; i < 200; i++) {
      main.fromId(receivers.get(i).renderer.getId()).orElseThrow().send("broadcast", 0);
    }
    awaitCount(receivers.subList(1, 200), 1, 5_000);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(slow.get() < 1_000, "the deep queue ran to its end first (" + millis + " ms)");
    assertFalse(millis > 2_000, "the others waited " + millis + " ms");
  }
}
