package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.api.WebContents;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

/** on, once, removeListener and removeAllListeners on both sides; bad arguments. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ListenersIT extends IpcBusTestSupport {

  @Test
  public void listenersRunInRegistrationOrderOnTheMainThread() {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    ipcMain.on("order", (event, args) -> calls.add("1:" + Thread.currentThread().getName()));
    ipcMain.on("order", (event, args) -> calls.add("2:" + Thread.currentThread().getName()));
    ipcRenderer.sendSync("order");
    assertEquals(List.of("1:ipcbus-main", "2:ipcbus-main"), calls);
  }

  @Test
  public void onceRunsOnceThenIsGone() {
    List<Object> calls = Collections.synchronizedList(new ArrayList<>());
    ipcMain.once("once", (event, args) -> calls.add(args[0]));
    ipcRenderer.sendSync("once", 1);
    ipcRenderer.sendSync("once", 2);
    assertEquals(List.of(1), calls);
  }

  @Test
  public void removeListenerAndRemoveAllListeners() {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    IpcMainListener a = (event, args) -> calls.add("a");
    IpcMainListener b = (event, args) -> calls.add("b");
    ipcMain.on("rm", a).on("rm", b).on("rm-other", a);
    ipcMain.removeListener("rm", a);
    ipcRenderer.sendSync("rm");
    assertEquals(List.of("b"), calls);
    ipcMain.removeAllListeners("rm");
    ipcRenderer.sendSync("rm");
    ipcRenderer.sendSync("rm-other");
    assertEquals(List.of("b", "a"), calls);
    ipcMain.removeAllListeners();
    ipcRenderer.sendSync("rm-other");
    assertEquals(List.of("b", "a"), calls);
  }

  @Test
  public void aThrowingListenerNeverStopsTheOthersOrLaterMessages() {
    List<Object> calls = Collections.synchronizedList(new ArrayList<>());
    ipcMain.on("throws", (event, args) -> {
      throw new IllegalStateException("listener bug");
    });
    ipcMain.on("throws", (event, args) -> calls.add(args[0]));
    ipcRenderer.send("throws", 1);
    ipcRenderer.send("throws", 2);
    ipcRenderer.sendSync("flush");
    assertEquals(List.of(1, 2), calls);
  }

  @Test
  public void aThrowingListenerIsLoggedWithChannelSenderAndException() {
    ipcMain.on("throws-logged", (event, args) -> {
      throw new IllegalStateException("logged bug");
    });
    ipcRenderer.send("throws-logged");
    LogEntry entry = LogEntries.await(context, "the listener failure", candidate ->
        candidate.getMessage().contains("channel 'throws-logged'"));
    assertEquals(LogLevel.ERROR, entry.getLogLevel());
    assertTrue(entry.getMessage(), entry.getMessage().contains("WebContents " + ipcRenderer.getId()));
    assertEquals("logged bug", entry.getException().getMessage());
  }

  @Test
  public void rendererListenersOnOnceAndRemove() throws Exception {
    WebContents self = ipcMain.fromId(ipcRenderer.getId()).orElseThrow();
    List<Object> calls = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    IpcRendererListener removed = (event, args) -> calls.add("removed");
    ipcRenderer.on("r", (event, args) -> calls.add("on " + args[0]));
    ipcRenderer.once("r", (event, args) -> calls.add("once " + args[0]));
    ipcRenderer.on("r", removed);
    ipcRenderer.removeListener("r", removed);
    ipcRenderer.on("r-done", (event, args) -> done.countDown());
    self.send("r", 1);
    self.send("r", 2);
    self.send("r-done");
    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("on 1", "once 1", "on 2"), calls);
  }

  @Test
  public void badArgumentsAreRefusedNamingTheParameter() {
    assertEquals("channel must not be null",
        assertThrows(IllegalArgumentException.class, () -> ipcRenderer.send(null, 1)).getMessage());
    assertEquals("channel must not be blank, was ' '",
        assertThrows(IllegalArgumentException.class, () -> ipcMain.on(" ", (event, args) -> {})).getMessage());
    assertEquals("listener must not be null",
        assertThrows(NullPointerException.class, () -> ipcRenderer.on("c", null)).getMessage());
    assertEquals("handler must not be null",
        assertThrows(NullPointerException.class, () -> ipcMain.handle("c", null)).getMessage());
  }

  @Test
  public void listenerCountEventNamesAndProcessIdAsEventEmitterAndElectronGiveThem() {
    IpcMainListener first = (event, args) -> {};
    ipcMain.on("count-me", first).on("count-me", (event, args) -> {}).once("count-too", first);
    ipcMain.handle("handled-only", (event, args) -> null);
    try {
      assertEquals(2, ipcMain.listenerCount("count-me"));
      assertEquals(0, ipcMain.listenerCount("nobody-here"));
      assertTrue(ipcMain.eventNames().containsAll(List.of("count-me", "count-too")));
      assertFalse(ipcMain.eventNames().contains("handled-only"));
      ipcMain.removeListener("count-me", first);
      assertEquals(1, ipcMain.listenerCount("count-me"));
      ipcMain.on("pid", (event, args) -> event.setReturnValue(event.getProcessId()));
      assertEquals(ProcessHandle.current().pid(), ipcRenderer.sendSync("pid"));
    } finally {
      ipcMain.removeHandler("handled-only");
    }
  }
}
