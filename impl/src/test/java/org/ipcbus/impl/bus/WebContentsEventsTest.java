package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.WebContentsListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class WebContentsEventsTest {

  private final RecordingLog log = new RecordingLog();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private Bus bus;
  private IpcMain main;

  @BeforeEach
  void start() {
    bus = new Bus(BusConfig.of(2_000, 2_000, 1_000), log);
    main = new MainClient(bus, TestBundles.named("main"));
    main.on("work", (event, args) -> events.add("message " + event.getSender().getId() + " " + args[0]));
    bus.webContentsEvents().add(new WebContentsListener() {
      @Override
      public void created(WebContents webContents) {
        events.add("created " + webContents.getId() + " " + Thread.currentThread().getName());
      }

      @Override
      public void destroyed(WebContents webContents, String reason) {
        events.add("destroyed " + webContents.getId() + " " + webContents.isDestroyed() + " " + reason);
      }
    });
  }

  @AfterEach
  void stop() {
    bus.close();
  }

  @Test
  void aRendererIsCreatedBeforeItsFirstMessageAndDestroyedAfterItsLastOnMainsThread() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int r = 0; r < 50; r++) {
      Bundle bundle = TestBundles.named("churn." + r);
      IpcRenderer renderer = bus.renderers().acquire(bundle).client();
      ids.add(renderer.getId());
      for (int i = 0; i < 20; i++) {
        renderer.send("work", i);
      }
      bus.renderers().release(bundle);
    }
    CountDownLatch drained = new CountDownLatch(1);
    bus.runOnMain(drained::countDown);
    assertTrue(drained.await(10, TimeUnit.SECONDS));
    for (long id : ids) {
      List<String> ofIt = events.stream().filter(event -> event.matches("\\w+ " + id + " .*")).toList();
      assertEquals(22, ofIt.size(), ofIt.toString());
      assertEquals("created " + id + " ipcbus-main", ofIt.get(0));
      for (int i = 0; i < 20; i++) {
        assertEquals("message " + id + " " + i, ofIt.get(1 + i));
      }
      assertEquals("destroyed " + id + " true its bundle stopped using ipcbus", ofIt.get(21));
    }
  }

  @Test
  void aListenerThatThrowsIsLoggedAndHarmsNoOther() throws Exception {
    bus.webContentsEvents().add(new WebContentsListener() {
      @Override
      public void created(WebContents webContents) {
        throw new IllegalStateException("boom");
      }
    });
    bus.webContentsEvents().add(new WebContentsListener() {
      @Override
      public void created(WebContents webContents) {
        events.add("second " + webContents.getId());
      }
    });
    long id = bus.renderers().acquire(TestBundles.named("thrower")).getId();
    CountDownLatch drained = new CountDownLatch(1);
    bus.runOnMain(drained::countDown);
    assertTrue(drained.await(10, TimeUnit.SECONDS));
    assertTrue(events.contains("second " + id), events.toString());
    assertTrue(log.errors.stream().anyMatch(error -> error.contains("threw on created of WebContents " + id)
        && error.contains("boom")), log.errors.toString());
  }

  @Test
  void aRemovedListenerHearsNothingMore() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    WebContentsListener listener = new WebContentsListener() {
      @Override
      public void created(WebContents webContents) {
        heard.add("created");
      }
    };
    bus.webContentsEvents().add(listener);
    bus.webContentsEvents().remove(listener);
    bus.renderers().acquire(TestBundles.named("unheard"));
    CountDownLatch drained = new CountDownLatch(1);
    bus.runOnMain(drained::countDown);
    assertTrue(drained.await(10, TimeUnit.SECONDS));
    assertEquals(List.of(), heard);
  }

  @Test
  void stoppingIpcbusDestroysEveryRendererWithThatReasonAndTellsItsOwnListeners() {
    IpcRenderer renderer = bus.renderers().acquire(TestBundles.named("at.stop")).client();
    List<String> own = new CopyOnWriteArrayList<>();
    main.fromId(renderer.getId()).orElseThrow().addWebContentsListener(new WebContentsListener() {
      @Override
      public void destroyed(WebContents webContents, String reason) {
        own.add(reason);
      }
    });
    bus.close();
    assertTrue(events.contains("destroyed " + renderer.getId() + " true ipcbus stopped"), events.toString());
    assertEquals(List.of("ipcbus stopped"), own);
  }
}
