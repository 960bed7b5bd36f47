package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.impl.clone.CloneLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A listener that holds main's dispatch thread is left behind, and main goes on without it. */
class HandOffTest {

  private static final long HAND_OFF_MILLIS = 200;

  private final RecordingLog log = new RecordingLog();
  private final CountDownLatch release = new CountDownLatch(1);
  private Bus bus;
  private MainClient main;
  private IpcRenderer renderer;

  @BeforeEach
  void start() {
    bus = new Bus(new BusConfig(10_000, 10_000, 1_000, BusConfig.DEFAULT_QUEUE_BYTES, CloneLimits.DEFAULTS, 100, HAND_OFF_MILLIS), log);
    main = new MainClient(bus, TestBundles.named("main"));
    renderer = bus.renderers().acquire(TestBundles.named("renderer")).client();
    main.on("stuck", (event, args) -> release.await());
  }

  @AfterEach
  void stop() {
    release.countDown();
    bus.close();
  }

  private static long mainThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("ipcbus-main") && thread.isAlive()).count();
  }

  @Test
  void otherMessagesFlowWhileAListenerIsStuckAndKeepTheirOrder() throws Exception {
    List<Object> seen = Collections.synchronizedList(new ArrayList<>());
    main.on("healthy", (event, args) -> seen.add(args[0]));
    renderer.send("stuck");
    for (int i = 0; i < 100; i++) {
      renderer.send("healthy", i);
    }
    long start = System.nanoTime();
    renderer.sendSync("healthy", 100);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < HAND_OFF_MILLIS * 10, "took " + millis + " ms");
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i <= 100; i++) {
      expected.add(i);
    }
    assertEquals(expected, seen);
    assertTrue(log.warnings.stream().anyMatch(w -> w.startsWith("A listener held main's dispatch "
        + "thread for longer than 200 ms: ipcbus-main has run one task for")
        && w.contains("ipcbus-main-2 goes on with the queue")), log.warnings.toString());
  }

  @Test
  void aThreadLeftBehindEndsWhenItsListenerReturns() throws Exception {
    renderer.send("stuck");
    renderer.sendSync("healthy");
    assertEquals(2, mainThreads());
    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (mainThreads() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(1, mainThreads());
    assertEquals(null, renderer.sendSync("healthy"));
  }

  @Test
  void atMostAFewThreadsAreLeftBehind() throws Exception {
    for (int i = 0; i < SerialLane.MAX_LEFT_BEHIND * 3; i++) {
      renderer.send("stuck");
    }
    Thread.sleep(HAND_OFF_MILLIS * (SerialLane.MAX_LEFT_BEHIND + 4));
    long threads = mainThreads();
    assertTrue(threads <= SerialLane.MAX_LEFT_BEHIND + 2, threads + " main threads");
    release.countDown();
    renderer.sendSync("healthy");
  }
}
