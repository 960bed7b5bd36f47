package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.api.IpcTimeoutException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.util.promise.PromiseFactory;

/** invoke and handle: replies, promises, failures that keep their type, timeouts, one handler. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InvokeIT extends IpcBusTestSupport {

  @Before
  public void setUp() throws Exception {
    BusConfiguration.apply(context, Map.of("invoke.timeout.ms", 1_000L));
  }

  @After
  public void tearDown() throws Exception {
    for (String channel : List.of("add", "later", "stage", "thrower", "rejects", "never", "one", "once")) {
      ipcMain.removeHandler(channel);
    }
    BusConfiguration.reset(context);
  }

  @Test
  public void invokeResolvesWithTheHandlersReply() throws Exception {
    ipcMain.handle("add", (event, args) -> (Integer) args[0] + (Integer) args[1]);
    assertEquals(5, ipcRenderer.invoke("add", 2, 3).getValue());
  }

  @Test
  public void aHandlerMayAnswerWithAPromiseOrACompletionStage() throws Exception {
    ipcMain.handle("later", (event, args) -> new PromiseFactory(null).submit(() -> "promised"));
    ipcMain.handle("stage", (event, args) -> CompletableFuture.supplyAsync(() -> List.of("staged")));
    assertEquals("promised", ipcRenderer.invoke("later").getValue());
    assertEquals(List.of("staged"), ipcRenderer.invoke("stage").getValue());
  }

  @Test
  public void invokeWithoutHandlerFailsNamingTheChannel() throws Exception {
    Throwable failure = ipcRenderer.invoke("nobody-handles").getFailure();
    assertSame(IpcException.class, failure.getClass());
    assertEquals("No handler registered for 'nobody-handles'", failure.getMessage());
  }

  @Test
  public void aFailingHandlerKeepsTheTypeAndMessage() throws Exception {
    ipcMain.handle("thrower", (event, args) -> {
      throw new UnsupportedOperationException("not " + args[0]);
    });
    ipcMain.handle("rejects", (event, args) -> new PromiseFactory(null).failed(new IllegalStateException("rejected")));
    IpcRemoteException thrown = (IpcRemoteException) ipcRenderer.invoke("thrower", "today").getFailure();
    assertEquals("java.lang.UnsupportedOperationException", thrown.getRemoteType());
    assertEquals("Error invoking remote method 'thrower': java.lang.UnsupportedOperationException: not today",
        thrown.getMessage());
    IpcRemoteException rejected = (IpcRemoteException) ipcRenderer.invoke("rejects").getFailure();
    assertEquals("java.lang.IllegalStateException", rejected.getRemoteType());
  }

  @Test
  public void aReplyThatNeverComesTimesOut() throws Exception {
    ipcMain.handle("never", (event, args) -> new PromiseFactory(null).deferred().getPromise());
    Throwable failure = ipcRenderer.invoke("never").getFailure();
    assertSame(IpcTimeoutException.class, failure.getClass());
    assertEquals("invoke on channel 'never' got no answer within 1000 ms", failure.getMessage());
  }

  @Test
  public void aChannelHasOneHandler() throws Exception {
    ipcMain.handle("one", (event, args) -> 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ipcMain.handle("one", (event, args) -> 2));
    assertEquals("Attempted to register a second handler for 'one'", e.getMessage());
    assertEquals(1, ipcRenderer.invoke("one").getValue());
    ipcMain.removeHandler("one");
    assertTrue(ipcRenderer.invoke("one").getFailure().getMessage().startsWith("No handler registered"));
  }

  @Test
  public void handleOnceAnswersOneInvoke() throws Exception {
    ipcMain.handleOnce("once", (event, args) -> "first");
    assertEquals("first", ipcRenderer.invoke("once").getValue());
    assertEquals("No handler registered for 'once'", ipcRenderer.invoke("once").getFailure().getMessage());
  }
}
