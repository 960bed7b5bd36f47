package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipcbus.api.DataCloneException;
import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.api.IpcTimeoutException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.PromiseFactory;

/**
 * The renderer contract holds in a renderer process: each scenario runs in the child (the process
 * test bundle) against main's listeners and handlers here, and the child reports what it saw.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProcessContractIT extends ProcessTestSupport {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private TestChildren.Child child;

  @Before
  public void startChild() throws Exception {
    launchTestChild("contract", Map.of());
    child = children.awaitReady();
  }

  @After
  public void tearDown() throws Exception {
    timer.shutdownNow();
    for (String channel : List.of("test.throws", "test.never", "test.later", "test.flood")) {
      ipcMain.removeHandler(channel);
    }
    BusConfiguration.reset(context);
  }

  @Test
  public void anExceptionOfAMainHandlerReachesTheChildAsIpcRemoteExceptionWithTypeAndMessage() throws Exception {
    ipcMain.handle("test.throws", (event, args) -> {
      throw new IllegalArgumentException("refused: " + args[0]);
    });
    Map<String, Object> failure = children.run(child, "remote-error");
    assertEquals(IpcRemoteException.class.getName(), failure.get("type"));
    assertEquals(IllegalArgumentException.class.getName(), failure.get("remoteType"));
    assertTrue(failure.toString(), ((String) failure.get("message")).endsWith("refused: bad value 42"));
  }

  /**
   * The access policy sees a renderer of a process by the headers its process reported plus
   * Ipc-Process, the name main launched it under: a rule on that name refuses or allows it.
   */
  @Test
  public void theAccessPolicyMatchesARendererOfAProcessByItsProcessName() throws Exception {
    AtomicInteger reached = new AtomicInteger();
    ipcMain.handle("test.throws", (event, args) -> {
      reached.incrementAndGet();
      throw new IllegalArgumentException("refused: " + args[0]);
    });
    try {
      BusConfiguration.policy(context, "test.throws=(Ipc-Process=another)");
      Map<String, Object> refused = children.run(child, "remote-error");
      assertEquals(IpcAccessDeniedException.class.getName(), refused.get("type"));
      assertEquals(refused.toString(), "WebContents " + child.contents().getId() + " (bundle "
          + "org.ipcbus.test.process in process 'contract') may not send on channel 'test.throws': the "
          + "access policy org.ipcbus.policy allows it only to (Ipc-Process=another)", refused.get("message"));
      assertEquals(0, reached.get());

      BusConfiguration.policy(context, "test.throws=(&(Ipc-Process=contract)(Bundle-SymbolicName=org.ipcbus.test.process))");
      Map<String, Object> allowed = children.run(child, "remote-error");
      assertEquals(IpcRemoteException.class.getName(), allowed.get("type"));
      assertEquals(1, reached.get());
    } finally {
      BusConfiguration.resetPolicy(context);
    }
  }

  @Test
  public void anUncloneableArgumentFailsAtTheCallerInTheChildAndNothingReachesMain() throws Exception {
    AtomicInteger reached = new AtomicInteger();
    ipcMain.on("test.clone", (event, args) -> reached.incrementAndGet());
    ipcMain.handle("test.clone", (event, args) -> reached.incrementAndGet());
    Map<String, Object> outcome = children.run(child, "clone-error");
    for (String call : List.of("send", "sendSync", "invoke")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> failure = (Map<String, Object>) outcome.get(call);
      assertEquals(call + ": " + failure, DataCloneException.class.getName(), failure.get("type"));
      assertTrue(call + ": " + failure, ((String) failure.get("message")).contains("java.lang.Object"));
    }
    // The report came after the three calls, in order: anything they had sent would be here by now.
    assertEquals(0, reached.get());
  }

  @Test
  public void sendSyncOnAChannelWithoutAMainListenerReturnsNull() throws Exception {
    Map<String, Object> outcome = children.run(child, "sendsync-unheard");
    assertEquals(outcome.toString(), Boolean.TRUE, outcome.get("isNull"));
  }

  @Test
  public void anInvokeUnansweredWithinTheInvokeTimeoutFailsWithIpcTimeoutException() throws Exception {
    BusConfiguration.apply(context, Map.of("invoke.timeout.ms", 300L));
    ipcMain.handle("test.never", (event, args) -> new PromiseFactory(null).deferred().getPromise());
    Map<String, Object> failure = children.run(child, "invoke-timeout");
    assertEquals(failure.toString(), IpcTimeoutException.class.getName(), failure.get("type"));
    long millis = ((Number) failure.get("millis")).longValue();
    assertTrue(millis + " ms", millis >= 250 && millis < 5_000);
  }

  @Test
  public void aHandlerReturningAPromiseResolvedLaterAnswersWithItsValue() throws Exception {
    ipcMain.handle("test.later", (event, args) -> laterValue("later: " + args[0], 200));
    Map<String, Object> outcome = children.run(child, "promise-later");
    assertEquals(outcome.toString(), "later: x", outcome.get("value"));
    assertTrue(outcome.toString(), ((Number) outcome.get("millis")).longValue() >= 150);
  }

  @Test
  public void onceRunsOnceAndARemovedListenerNeverInTheChild() throws Exception {
    assertEquals(Boolean.TRUE, children.run(child, "listeners-arm").get("armed"));
    for (int i = 0; i < 3; i++) {
      child.contents().send("test.listeners", i);
    }
    // Main's messages reach the child's listeners in order: the count comes after the three.
    Map<String, Object> counts = children.run(child, "listeners-count");
    assertEquals(counts.toString(), 1, counts.get("once"));
    assertEquals(counts.toString(), 3, counts.get("on"));
    assertEquals(counts.toString(), 0, counts.get("removed"));
    assertEquals(counts.toString(), 3, counts.get("kept"));
    String own = "ipcbus-renderer-" + child.contents().getId();
    assertEquals(counts.toString(), own, counts.get("once.thread"));
    assertEquals(counts.toString(), own, counts.get("on.thread"));
  }

  @Test
  public void listenerAndPromiseCallbacksRunOnTheRenderersOwnThread() throws Exception {
    ipcMain.handle("test.later", (event, args) -> laterValue(args[0], 50));
    Map<String, Object> threads = children.run(child, "threads");
    String own = "ipcbus-renderer-" + child.contents().getId();
    assertEquals(threads.toString(), child.contents().getId(), ((Number) threads.get("id")).longValue());
    assertEquals(threads.toString(), own, threads.get("listener"));
    assertEquals(threads.toString(), own, threads.get("then"));
    assertEquals(threads.toString(), own, threads.get("onResolve"));
  }

  @Test
  public void tenThousandMixedMessagesOfTheChildReachMainExactlyOnceAndInOrder() throws Exception {
    int messages = 10_000;
    List<Integer> arrived = Collections.synchronizedList(new ArrayList<>());
    ipcMain.on("test.flood", (event, args) -> arrived.add((Integer) args[0]));
    ipcMain.handle("test.flood", (event, args) -> {
      arrived.add((Integer) args[0]);
      return args[0];
    });
    long start = System.nanoTime();
    Map<String, Object> outcome = children.run(child, "flood " + messages);
    report("ProcessContractIT: 10,000 mixed messages from a child in "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
    assertEquals(outcome.toString(), 0, outcome.get("failedInvokes"));
    // The report came after the flood, from the same renderer: everything is here.
    assertEquals(messages, arrived.size());
    for (int i = 0; i < messages; i++) {
      assertEquals("message " + i, Integer.valueOf(i), arrived.get(i));
    }
  }

  private Object laterValue(Object value, long millis) {
    Deferred<Object> deferred = new PromiseFactory(null).deferred();
    timer.schedule(() -> deferred.resolve(value), millis, TimeUnit.MILLISECONDS);
    return deferred.getPromise();
  }
}
