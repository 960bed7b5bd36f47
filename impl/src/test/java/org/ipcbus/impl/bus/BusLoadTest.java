package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcTimeoutException;
import org.ipcbus.impl.clone.CloneLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bus under load: removal while messages flow, backpressure, reconfiguration. */
class BusLoadTest {

  private final RecordingLog log = new RecordingLog();
  private Bus bus;

  @AfterEach
  void stop() {
    bus.close();
  }

  private IpcRenderer start(BusConfig config) {
    bus = new Bus(config, log);
    return bus.renderers().acquire(TestBundles.named("sender")).client();
  }

  @Test
  void aRemovedListenerIsNeverCalledAfterRemovalReturnsWhileMessagesFlow() throws Exception {
    IpcRenderer renderer = start(BusConfig.DEFAULTS);
    MainClient main = new MainClient(bus, TestBundles.named("main"));
    AtomicBoolean flooding = new AtomicBoolean(true);
    Thread flood = new Thread(() -> {
      while (flooding.get()) {
        renderer.send("flow", 1);
      }
    });
    flood.start();
    try {
      for (int round = 0; round < 200; round++) {
        AtomicLong calls = new AtomicLong();
        IpcMainListener listener = (event, args) -> calls.incrementAndGet();
        main.on("flow", listener);
        Thread.sleep(0, 200_000);
        main.removeListener("flow", listener);
        long atRemoval = calls.get();
        renderer.sendSync("drain");
        assertEquals(atRemoval, calls.get(), "round " + round + ": called after its removal returned");
      }
    } finally {
      flooding.set(false);
      flood.join();
    }
  }

  @Test
  void aFullQueueMakesTheSenderWaitThenTimesOutAndLosesNothing() throws Exception {
    IpcRenderer renderer = start(BusConfig.of(300, 300, 2));
    MainClient main = new MainClient(bus, TestBundles.named("main"));
    List<Object> delivered = new ArrayList<>();
    main.on("data", (event, args) -> delivered.add(args[0]));
    CountDownLatch release = blockMain(main, renderer);

    renderer.send("data", "a");
    renderer.send("data", "b");
    long start = System.nanoTime();
    IpcTimeoutException e = assertThrows(IpcTimeoutException.class, () -> renderer.send("data", "c"));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited >= 250, waited + " ms");
    assertEquals("main's queue for WebContents 1 stayed full (2 messages) for 300 ms", e.getMessage());

    release.countDown();
    renderer.sendSync("drain");
    assertEquals(List.of("a", "b"), delivered);
  }

  @Test
  void reconfiguringKeepsQueuedMessagesAndAppliesTheNewBounds() throws Exception {
    IpcRenderer renderer = start(BusConfig.of(300, 300, 1));
    MainClient main = new MainClient(bus, TestBundles.named("main"));
    List<Object> delivered = new ArrayList<>();
    main.on("data", (event, args) -> delivered.add(args[0]));
    CountDownLatch release = blockMain(main, renderer);
    renderer.send("data", 1);
    assertThrows(IpcTimeoutException.class, () -> renderer.send("data", "refused"));

    bus.reconfigure(BusConfig.of(300, 300, 3));
    renderer.send("data", 2);
    renderer.send("data", 3);
    assertThrows(IpcTimeoutException.class, () -> renderer.send("data", "refused again"));

    release.countDown();
    renderer.sendSync("drain");
    assertEquals(List.of(1, 2, 3), delivered);
  }

  /** Holds main's thread in a listener until the returned latch is counted down. */
  private static CountDownLatch blockMain(MainClient main, IpcRenderer renderer) throws InterruptedException {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    main.on("block", (event, args) -> {
      blocked.countDown();
      release.await();
    });
    renderer.send("block");
    assertTrue(blocked.await(5, TimeUnit.SECONDS));
    return release;
  }

  @Test
  void eightRenderersFloodingMainLoseNothing() throws Exception {
    start(BusConfig.DEFAULTS);
    MainClient main = new MainClient(bus, TestBundles.named("main"));
    int renderers = 8;
    int messages = 20_000;
    long[] lastSeen = new long[renderers + 1];
    long[] count = new long[renderers + 1];
    List<String> outOfOrder = new ArrayList<>();
    main.on("load", (event, args) -> {
      int id = (int) event.getSender().getId();
      long sequence = (Long) args[0];
      if (sequence != lastSeen[id] + 1) {
        outOfOrder.add(id + ":" + sequence);
      }
      lastSeen[id] = sequence;
      count[id]++;
    });
    List<Thread> senders = new ArrayList<>();
    List<IpcRenderer> clients = new ArrayList<>();
    for (int r = 0; r < renderers - 1; r++) {
      clients.add(bus.renderers().acquire(TestBundles.named("load-" + r)).client());
    }
    clients.add(0, bus.renderers().fromId(1).map(w -> ((Renderer) w).client()).orElseThrow());
    for (IpcRenderer client : clients) {
      Thread sender = new Thread(() -> {
        for (long i = 1; i <= messages; i++) {
          client.send("load", i);
        }
      });
      senders.add(sender);
      sender.start();
    }
    for (Thread sender : senders) {
      sender.join();
    }
    for (IpcRenderer client : clients) {
      client.sendSync("drain");
    }
    assertEquals(List.of(), outOfOrder);
    for (int id = 1; id <= renderers; id++) {
      assertEquals(messages, count[id], "renderer " + id);
    }
  }
}
