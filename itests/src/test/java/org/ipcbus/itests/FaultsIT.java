package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcTimeoutException;
import org.ipcbus.api.runtime.IpcRuntime;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;

/**
 * Faulty listeners and handlers: one that throws on every message, one that blocks for 10 s, one
 * whose promise never resolves. Other channels and renderers keep flowing, the waiting callers
 * end at their timeouts, and the slow listener is reported in the log and the runtime DTO.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FaultsIT extends IpcBusTestSupport {

  private static final long TIMEOUT_MILLIS = 1_000;

  @Inject
  private IpcRuntime runtime;

  @Before
  public void shortTimeouts() throws Exception {
    BusConfiguration.apply(context, Map.of("sync.timeout.ms", TIMEOUT_MILLIS,
        "invoke.timeout.ms", TIMEOUT_MILLIS, "handoff.ms", 300L, "slow.listener.ms", 500L));
  }

  @After
  public void defaultTimeouts() throws Exception {
    BusConfiguration.reset(context);
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  public void aListenerThatAlwaysThrowsHarmsNothingElse() {
    ipcMain.on("fault-throws", (event, args) -> {
      throw new IllegalStateException("always broken");
    });
    ipcMain.on("fault-fine", (event, args) -> event.setReturnValue("fine"));
    IpcRenderer other = RendererBundles.rendererOf(bundles.install("other"));
    for (int i = 0; i < 100; i++) {
      ipcRenderer.send("fault-throws", i);
      assertEquals("fine", other.sendSync("fault-fine"));
    }
    IpcRemoteException e = assertThrows(IpcRemoteException.class, () -> ipcRenderer.sendSync("fault-throws"));
    assertEquals("java.lang.IllegalStateException", e.getRemoteType());
    assertEquals(101, RuntimeState.channel(runtime, "fault-throws").errors);
    assertEquals("java.lang.IllegalStateException: always broken", RuntimeState.channel(runtime, "fault-throws").lastError);
  }

  @Test
  public void aListenerBlockedForTenSecondsHoldsUpOnlyItself() throws Exception {
    ipcMain.on("fault-blocks", (event, args) -> Thread.sleep(10_000));
    ipcMain.on("fault-fine", (event, args) -> event.setReturnValue("fine"));
    IpcRenderer blocked = RendererBundles.rendererOf(bundles.install("blocked"));
    IpcRenderer other = RendererBundles.rendererOf(bundles.install("other"));

    long start = System.nanoTime();
    CompletableFuture<Throwable> stuckCall = failureOf(() -> blocked.sendSync("fault-blocks"));
    Thread.sleep(100); // the blocking listener has the dispatch thread now

    // Another renderer, and the same renderer on another channel, keep flowing.
    assertEquals("fine", other.sendSync("fault-fine"));
    assertTrue("the other renderer waited " + millisSince(start) + " ms", millisSince(start) < 3_000);
    Throwable failure = stuckCall.get(5, TimeUnit.SECONDS);
    long timedOutAfter = millisSince(start);
    assertSame(IpcTimeoutException.class, failure.getClass());
    assertTrue("timed out after " + timedOutAfter + " ms", timedOutAfter >= TIMEOUT_MILLIS && timedOutAfter < 3_000);
    assertEquals("fine", blocked.sendSync("fault-fine"));
    LogEntries.await(context, "the hand-off", entry ->
        entry.getMessage().startsWith("A listener held main's dispatch thread for longer than 300 ms"));

    // When the listener finally returns, it is reported as slow.
    LogEntries.await(context, "the slow listener", entry ->
        entry.getMessage().startsWith("Slow listener") && entry.getMessage().contains("channel 'fault-blocks'"));
    assertEquals(1, RuntimeState.channel(runtime, "fault-blocks").slowDeliveries);
    assertTrue("10 s at least", millisSince(start) >= 10_000);
  }

  @Test
  public void aHandlerWhosePromiseNeverResolvesTimesOutAtTheInvokeTimeout() throws Exception {
    Deferred<Object> never = new Deferred<>();
    ipcMain.handle("fault-never", (event, args) -> never.getPromise());
    ipcMain.handle("fault-answers", (event, args) -> "answer");
    try {
      long start = System.nanoTime();
      Promise<Object> call = ipcRenderer.invoke("fault-never");
      assertEquals("answer", ipcRenderer.invoke("fault-answers").getValue());
      Throwable failure = call.getFailure();
      long millis = millisSince(start);
      assertSame(IpcTimeoutException.class, failure.getClass());
      assertEquals("invoke on channel 'fault-never' got no answer within 1000 ms", failure.getMessage());
      assertTrue(millis + " ms", millis >= TIMEOUT_MILLIS && millis < 3_000);
      assertEquals(0, RuntimeState.findRenderer(runtime, ipcRenderer.getId()).orElseThrow().pendingInvoke);
    } finally {
      ipcMain.removeHandler("fault-never");
      ipcMain.removeHandler("fault-answers");
    }
  }
}
