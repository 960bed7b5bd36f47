package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcTimeoutException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

/** sendSync: the return value, its absence, failures, the timeout and the deadlock guard. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SyncIT extends IpcBusTestSupport {

  @Before
  public void setUp() throws Exception {
    BusConfiguration.apply(context, Map.of("sync.timeout.ms", 1_000L));
  }

  @After
  public void tearDown() throws Exception {
    BusConfiguration.reset(context);
  }

  @Test
  public void sendSyncReturnsTheFirstReturnValueOnceEveryListenerRan() {
    CountDownLatch secondRan = new CountDownLatch(1);
    ipcMain.on("sync", (event, args) -> event.setReturnValue("pong:" + args[0]));
    ipcMain.on("sync", (event, args) -> {
      event.setReturnValue("too late");
      secondRan.countDown();
    });
    assertEquals("pong:ping", ipcRenderer.sendSync("sync", "ping"));
    assertEquals(0, secondRan.getCount());
  }

  @Test
  public void theSenderIsTheBundleThatCalled() {
    Bundle caller = bundles.install("sync-caller");
    IpcRenderer callerRenderer = RendererBundles.rendererOf(caller);
    ipcMain.on("who", (event, args) -> event.setReturnValue(event.getSender().getBundle().getBundleId()));
    assertEquals(caller.getBundleId(), callerRenderer.sendSync("who"));
    assertEquals(context.getBundle().getBundleId(), ipcRenderer.sendSync("who"));
  }

  @Test
  public void sendSyncWithoutListenerReturnsNullAndLogsAWarning() {
    assertNull(ipcRenderer.sendSync("sync-nobody", 1));
    LogEntry warning = LogEntries.await(context, "the warning", entry ->
        entry.getMessage().contains("'sync-nobody'"));
    assertEquals(LogLevel.WARN, warning.getLogLevel());
    assertTrue(warning.getMessage(), warning.getMessage().contains("has no listener"));
  }

  @Test
  public void aThrowingListenerFailsTheCallerWithItsTypeAndMessage() {
    ipcMain.on("sync-throws", (event, args) -> {
      throw new IllegalArgumentException("no " + args[0]);
    });
    IpcRemoteException e = assertThrows(IpcRemoteException.class, () -> ipcRenderer.sendSync("sync-throws", "ping"));
    assertEquals("java.lang.IllegalArgumentException", e.getRemoteType());
    assertTrue(e.getMessage(), e.getMessage().endsWith("no ping"));
  }

  @Test
  public void aListenerThatNeverAnswersTimesOutAndMainGoesOn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ipcMain.on("sync-stuck", (event, args) -> release.await(5, TimeUnit.SECONDS));
    ipcMain.on("sync-fine", (event, args) -> event.setReturnValue("fine"));
    long start = System.nanoTime();
    IpcTimeoutException e = assertThrows(IpcTimeoutException.class, () -> ipcRenderer.sendSync("sync-stuck"));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited + " ms", waited >= 900 && waited < 4_000);
    assertEquals("sendSync on channel 'sync-stuck' got no answer within 1000 ms", e.getMessage());
    release.countDown();
    assertEquals("fine", ipcRenderer.sendSync("sync-fine"));
  }

  @Test
  public void sendSyncOnTheMainThreadIsRefusedInsteadOfDeadlocking() throws Exception {
    CompletableFuture<Throwable> refusal = new CompletableFuture<>();
    ipcMain.on("sync-outer", (event, args) -> {
      try {
        ipcRenderer.sendSync("sync-inner");
      } catch (Throwable t) {
        refusal.complete(t);
      }
    });
    ipcRenderer.send("sync-outer");
    Throwable t = refusal.get(5, TimeUnit.SECONDS);
    assertSame(IllegalStateException.class, t.getClass());
    assertTrue(t.getMessage(), t.getMessage().contains("main dispatch thread"));
  }

  @Test
  public void setReturnValueOnAnAsyncMessageIsRefused() throws Exception {
    CompletableFuture<Throwable> refusal = new CompletableFuture<>();
    ipcMain.on("async-only", (event, args) -> {
      try {
        event.setReturnValue("x");
      } catch (Throwable t) {
        refusal.complete(t);
      }
    });
    ipcRenderer.send("async-only");
    assertSame(IllegalStateException.class, refusal.get(5, TimeUnit.SECONDS).getClass());
  }
}
