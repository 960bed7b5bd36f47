package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.impl.clone.CloneLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counters and the change count behind the runtime DTO. */
class BusStatsTest {

  private static final long SLOW_MILLIS = 50;

  private final RecordingLog log = new RecordingLog();
  private Bus bus;
  private MainClient main;
  private Renderer renderer;

  @BeforeEach
  void start() {
    bus = new Bus(new BusConfig(2_000, 2_000, 1_000, BusConfig.DEFAULT_QUEUE_BYTES, CloneLimits.DEFAULTS, SLOW_MILLIS, BusConfig.DEFAULT_HAND_OFF_MILLIS), log);
    main = new MainClient(bus, TestBundles.named("main"));
    renderer = bus.renderers().acquire(TestBundles.named("renderer"));
  }

  @AfterEach
  void stop() {
    bus.close();
  }

  @Test
  void messagesAndErrorsAreCountedPerChannel() throws Exception {
    main.on("ok", (event, args) -> {
      if (event.isSync()) {
        event.setReturnValue("fine");
      }
    });
    main.on("bad", (event, args) -> {
      throw new IllegalStateException("broken");
    });
    renderer.client().send("ok");
    renderer.client().send("ok");
    assertEquals("fine", renderer.client().sendSync("ok"));
    assertThrows(IpcRemoteException.class, () -> renderer.client().sendSync("bad"));
    Throwable missing = renderer.client().invoke("unhandled").getFailure();
    assertTrue(missing instanceof IpcException, String.valueOf(missing));

    ChannelStats ok = bus.channelCounters().get("ok");
    assertEquals(3, ok.messages());
    assertEquals(0, ok.errors());
    assertNull(ok.lastError());
    ChannelStats bad = bus.channelCounters().get("bad");
    assertEquals(1, bad.messages());
    assertEquals(1, bad.errors());
    assertEquals("java.lang.IllegalStateException: broken", bad.lastError());
    assertEquals("org.ipcbus.api.IpcException: No handler registered for 'unhandled'",
        bus.channelCounters().get("unhandled").lastError());
    assertEquals(5, renderer.messagesSent());
  }

  @Test
  void aSlowListenerIsCountedAndLogged() {
    IpcMainListener slow = (event, args) -> Thread.sleep(SLOW_MILLIS * 2);
    main.on("slow", slow);
    main.on("fast", (event, args) -> { });
    renderer.client().sendSync("slow");
    renderer.client().sendSync("fast");
    assertEquals(1, bus.channelCounters().get("slow").slowDeliveries());
    assertEquals(0, bus.channelCounters().get("fast").slowDeliveries());
    assertTrue(log.warnings.stream().anyMatch(w -> w.startsWith("Slow listener " + slow)
        && w.contains("channel 'slow'") && w.contains("threshold " + SLOW_MILLIS + " ms")),
        log.warnings.toString());
  }

  @Test
  void pendingCallsAreCountedByKind() throws Exception {
    main.handle("later", (event, args) -> new java.util.concurrent.CompletableFuture<>());
    renderer.client().invoke("later");
    renderer.client().invoke("later");
    assertEquals(2, renderer.pendingInvoke());
    assertEquals(0, renderer.pendingSendSync());
  }

  @Test
  void aBurstOfChangesIsPublishedOnceWithTheFinalCount() throws Exception {
    List<Long> published = new CopyOnWriteArrayList<>();
    bus.changes().observe(published::add);
    long before = bus.changes().get();
    for (int i = 0; i < 50; i++) {
      main.on("channel-" + i, (event, args) -> { });
    }
    long after = bus.changes().get();
    assertEquals(before + 50, after);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (published.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(ChangeCount.DEBOUNCE_MILLIS * 3);
    assertEquals(List.of(after), published);
  }

  @Test
  void listenersHandlersAndRenderersBumpTheCount() {
    IpcMainListener listener = (event, args) -> { };
    long count = bus.changes().get();
    main.on("a", listener);
    assertTrue(bus.changes().get() > count, "on");
    count = bus.changes().get();
    main.removeListener("a", listener);
    assertTrue(bus.changes().get() > count, "removeListener");
    count = bus.changes().get();
    main.handle("h", (event, args) -> null);
    assertTrue(bus.changes().get() > count, "handle");
    count = bus.changes().get();
    main.removeHandler("h");
    assertTrue(bus.changes().get() > count, "removeHandler");
    count = bus.changes().get();
    bus.renderers().acquire(TestBundles.named("another"));
    assertTrue(bus.changes().get() > count, "new renderer");
    count = bus.changes().get();
    main.removeListener("a", listener); // nothing to remove: no change
    assertEquals(count, bus.changes().get());
  }
}
