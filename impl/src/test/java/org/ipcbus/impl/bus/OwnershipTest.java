package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** A bundle acts only on what it added through its own IpcMain. */
class OwnershipTest {

  private final Bus bus = new Bus(BusConfig.of(2_000, 2_000, 1_000), new RecordingLog());
  private final Bundle bundleA = TestBundles.named("com.vendor.a");
  private final MainClient a = new MainClient(bus, bundleA);
  private final MainClient b = new MainClient(bus, TestBundles.named("com.vendor.b"));
  private final IpcRenderer renderer = bus.renderers().acquire(TestBundles.named("renderer")).client();
  private final List<Object> calls = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    bus.close();
  }

  @Test
  void anotherBundlesRemovalsLeaveAListenerInPlace() {
    IpcMainListener shared = (event, args) -> calls.add(args[0]);
    a.on("news", shared);
    b.removeListener("news", shared); // even the same listener object: it is A's registration
    b.removeAllListeners("news");
    b.removeAllListeners();
    renderer.sendSync("news", 1);
    assertEquals(List.of(1), calls);

    a.removeAllListeners();
    renderer.sendSync("news", 2);
    assertEquals(List.of(1), calls, "its own bundle removes it");
  }

  @Test
  void removeAllListenersRemovesOnlyTheCallersOwn() {
    a.on("news", (event, args) -> calls.add("a"));
    b.on("news", (event, args) -> calls.add("b"));
    b.removeAllListeners("news");
    renderer.sendSync("news");
    assertEquals(List.of("a"), calls);
  }

  @Test
  void anotherBundlesHandlerCannotBeRemovedOrTakenOver() throws Exception {
    a.handle("answer", (event, args) -> "from a");
    IllegalStateException removal = assertThrows(IllegalStateException.class, () -> b.removeHandler("answer"));
    assertEquals("The handler of channel 'answer' belongs to bundle com.vendor.a ("
        + bundleA.getBundleId() + "): bundle com.vendor.b (" + b.bundle().getBundleId()
        + ") cannot remove it", removal.getMessage());
    IllegalStateException takeOver = assertThrows(IllegalStateException.class,
        () -> b.handle("answer", (event, args) -> "from b"));
    assertEquals("Attempted to register a second handler for 'answer'", takeOver.getMessage());
    assertEquals("from a", renderer.invoke("answer").getValue());

    b.removeHandler("nothing"); // no handler: nothing happens, as in Electron
    a.removeHandler("answer");
    assertEquals("No handler registered for 'answer'", renderer.invoke("answer").getFailure().getMessage());
  }
}
