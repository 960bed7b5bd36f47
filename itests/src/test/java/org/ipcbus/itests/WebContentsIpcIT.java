package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * {@code webContents.ipc}: listeners and handlers that see one renderer only, before ipcMain's
 * listeners and instead of ipcMain's handler, gone with their renderer.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebContentsIpcIT extends IpcBusTestSupport {

  private WebContents contentsOf(IpcRenderer renderer) {
    return ipcMain.fromId(renderer.getId()).orElseThrow();
  }

  @Test
  public void aScopedListenerSeesOnlyItsRendererAndRunsBeforeIpcMains() throws Exception {
    IpcRenderer a = RendererBundles.rendererOf(bundles.install("scoped.a"));
    IpcRenderer b = RendererBundles.rendererOf(bundles.install("scoped.b"));
    List<String> seen = new CopyOnWriteArrayList<>();
    contentsOf(a).ipc().on("hello", (event, args) -> seen.add("a.ipc:" + event.getSender().getId()));
    ipcMain.on("hello", (event, args) -> seen.add("ipcMain:" + event.getSender().getId()));
    a.sendSync("hello");
    b.sendSync("hello");
    assertEquals(List.of("a.ipc:" + a.getId(), "ipcMain:" + a.getId(), "ipcMain:" + b.getId()), seen);
  }

  @Test
  public void aScopedListenerAloneAnswersSendSync() {
    IpcRenderer a = RendererBundles.rendererOf(bundles.install("sync.a"));
    contentsOf(a).ipc().on("only-scoped", (event, args) -> event.setReturnValue("scoped"));
    assertEquals("scoped", a.sendSync("only-scoped"));
    assertEquals(null, ipcRenderer.sendSync("only-scoped"));
  }

  @Test
  public void aScopedHandlerWinsOverIpcMainsForItsRendererOnly() throws Exception {
    IpcRenderer a = RendererBundles.rendererOf(bundles.install("handle.a"));
    IpcRenderer b = RendererBundles.rendererOf(bundles.install("handle.b"));
    ipcMain.handle("who", (event, args) -> "ipcMain");
    contentsOf(a).ipc().handle("who", (event, args) -> "a.ipc");
    try {
      assertEquals("a.ipc", a.invoke("who").timeout(5_000).getValue());
      assertEquals("ipcMain", b.invoke("who").timeout(5_000).getValue());
      IllegalStateException second = assertThrows(IllegalStateException.class,
          () -> contentsOf(a).ipc().handle("who", (event, args) -> "again"));
      assertTrue(second.getMessage(), second.getMessage().contains("second handler for 'who'"));
      contentsOf(a).ipc().removeHandler("who");
      assertEquals("ipcMain", a.invoke("who").timeout(5_000).getValue());
    } finally {
      ipcMain.removeHandler("who");
    }
  }

  @Test
  public void scopedRegistrationsGoWhenTheRendererGoes() throws Exception {
    Bundle bundle = bundles.install("gone");
    IpcRenderer a = RendererBundles.rendererOf(bundle);
    WebContents contents = contentsOf(a);
    IpcMain scoped = contents.ipc();
    scoped.on("ch", (event, args) -> {});
    scoped.handle("inv", (event, args) -> "x");
    assertEquals(1, scoped.listenerCount("ch"));
    assertEquals(List.of("ch"), scoped.eventNames());
    bundle.stop();
    assertEquals(0, scoped.listenerCount("ch"));
    assertThrows(IpcClosedException.class, contents::ipc);
    assertThrows(IpcClosedException.class, () -> scoped.on("ch", (event, args) -> {}));
    bundle.start();
    IpcRenderer again = RendererBundles.rendererOf(bundle);
    assertEquals(0, contentsOf(again).ipc().listenerCount("ch"));
    assertTrue(again.invoke("inv").timeout(5_000).getFailure().getMessage().contains("No handler registered"));
  }

  @Test
  public void scopedRegistrationsGoWhenTheirBundleStopsUsingIpcMain() throws Exception {
    IpcRenderer a = RendererBundles.rendererOf(bundles.install("owner.a"));
    Bundle owner = bundles.install("owner.main");
    IpcMain ownersMain = RendererBundles.mainOf(owner);
    WebContents held = ownersMain.fromId(a.getId()).orElseThrow();
    held.ipc().on("from-a", (event, args) -> event.setReturnValue("owner"));
    assertEquals("owner", a.sendSync("from-a"));
    owner.stop();
    assertEquals(0, contentsOf(a).ipc().listenerCount("from-a"));
    assertEquals(null, a.sendSync("from-a"));
  }
}
