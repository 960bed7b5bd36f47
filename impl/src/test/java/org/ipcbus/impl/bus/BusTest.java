package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.ipcbus.api.DataCloneException;
import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcTimeoutException;
import org.ipcbus.api.WebContents;
import org.ipcbus.impl.clone.CloneLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;

class BusTest {

  private final RecordingLog log = new RecordingLog();
  private Bus bus;
  private IpcMain main;
  private IpcRenderer renderer;

  @BeforeEach
  void start() {
    bus = new Bus(BusConfig.of(2_000, 2_000, 1_000), log);
    main = new MainClient(bus, TestBundles.named("main"));
    renderer = rendererOf("renderer.one");
  }

  @AfterEach
  void stop() {
    bus.close();
  }

  private IpcRenderer rendererOf(String name) {
    return bus.renderers().acquire(TestBundles.named(name)).client();
  }

  /** Runs a call expected to fail on another thread; completes with what it threw, or null. */
  private static CompletableFuture<Throwable> failureOf(Callable<?> call) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        call.call();
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
  }

  /** Waits until main has handled everything sent so far: sendSync is queued behind it. */
  private void drainMain() {
    renderer.sendSync("drain");
  }

  @Test
  void sendRunsEveryListenerInOrderOnTheMainThread() {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    main.on("ping", (event, args) -> calls.add("first " + args[0] + " on " + Thread.currentThread().getName()));
    main.on("ping", (event, args) -> calls.add("second " + event.getSender().getId()));
    renderer.send("ping", "hello");
    drainMain();
    assertEquals(List.of("first hello on ipcbus-main", "second " + renderer.getId()), calls);
  }

  @Test
  void onceRunsForOneMessageOnly() {
    List<Object> calls = Collections.synchronizedList(new ArrayList<>());
    main.once("ping", (event, args) -> calls.add(args[0]));
    renderer.send("ping", 1);
    renderer.send("ping", 2);
    drainMain();
    assertEquals(List.of(1), calls);
    assertEquals(0, bus.mainListeners().get("ping").length);
  }

  @Test
  void removeListenerRemovesTheLatestRegistrationOnly() {
    List<Object> calls = Collections.synchronizedList(new ArrayList<>());
    IpcMainListener listener = (event, args) -> calls.add(args[0]);
    main.on("ping", listener).on("ping", listener);
    main.removeListener("ping", listener);
    renderer.send("ping", "once");
    drainMain();
    assertEquals(List.of("once"), calls);
  }

  @Test
  void removeAllListenersKeepsWhiteboardListeners() {
    List<Object> calls = Collections.synchronizedList(new ArrayList<>());
    Object whiteboardService = new Object();
    bus.mainListeners().add("ping", (event, args) -> calls.add("whiteboard"), false, whiteboardService);
    main.on("ping", (event, args) -> calls.add("programmatic"));
    main.on("other", (event, args) -> calls.add("other"));
    main.removeAllListeners("ping");
    renderer.send("ping");
    renderer.send("other");
    drainMain();
    assertEquals(List.of("whiteboard", "other"), calls);
    main.removeAllListeners();
    renderer.send("other");
    drainMain();
    assertEquals(List.of("whiteboard", "other"), calls);
  }

  @Test
  void releasingAClientRemovesWhatItsBundleAdded() {
    MainClient other = new MainClient(bus, TestBundles.named("main"));
    other.on("ping", (event, args) -> {});
    other.handle("invoke-me", (event, args) -> 1);
    main.on("ping", (event, args) -> {});
    other.release();
    assertEquals(1, bus.mainListeners().get("ping").length);
    assertNull(bus.handlers().get("invoke-me"));
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthers() {
    List<Object> calls = Collections.synchronizedList(new ArrayList<>());
    main.on("ping", (event, args) -> {
      throw new IllegalStateException("boom");
    });
    main.on("ping", (event, args) -> calls.add(args[0]));
    renderer.send("ping", 1);
    renderer.send("ping", 2);
    drainMain();
    assertEquals(List.of(1, 2), calls);
    assertEquals(2, log.errors.size());
    assertTrue(log.errors.get(0).contains("channel 'ping'") && log.errors.get(0).contains("boom"), log.errors.get(0));
  }

  @Test
  void sendSyncReturnsTheFirstReturnValueAfterEveryListener() {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    main.on("sync", (event, args) -> {
      assertTrue(event.isSync());
      event.setReturnValue("pong " + args[0]);
    });
    main.on("sync", (event, args) -> {
      event.setReturnValue("ignored: the first assignment wins");
      calls.add("second ran");
    });
    assertEquals("pong ping", renderer.sendSync("sync", "ping"));
    assertEquals(List.of("second ran"), calls);
  }

  @Test
  void sendSyncReturnsAClone() {
    List<Object> reply = new ArrayList<>(List.of(1));
    main.on("sync", (event, args) -> event.setReturnValue(reply));
    Object answer = renderer.sendSync("sync");
    assertEquals(List.of(1), answer);
    reply.add(2);
    assertEquals(List.of(1), answer);
  }

  @Test
  void sendSyncWithoutListenerReturnsNullAndWarns() {
    assertNull(renderer.sendSync("nobody"));
    assertTrue(log.warnings.stream().anyMatch(w -> w.contains("'nobody'") && w.contains("no listener")), log.warnings.toString());
  }

  @Test
  void sendSyncFailsWithTheListenersExceptionTypeAndMessage() {
    main.on("sync", (event, args) -> {
      throw new IllegalArgumentException("bad ping");
    });
    IpcRemoteException e = assertThrows(IpcRemoteException.class, () -> renderer.sendSync("sync"));
    assertEquals("java.lang.IllegalArgumentException", e.getRemoteType());
    assertTrue(e.getMessage().contains("bad ping"), e.getMessage());
  }

  @Test
  void sendSyncTimesOutInsteadOfHanging() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    main.on("slow", (event, args) -> release.await());
    long start = System.nanoTime();
    IpcTimeoutException e = assertThrows(IpcTimeoutException.class, () -> renderer.sendSync("slow"));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();
    assertTrue(millis >= 1_900 && millis < 5_000, millis + " ms");
    assertTrue(e.getMessage().contains("sendSync on channel 'slow' got no answer within 2000 ms"), e.getMessage());
  }

  @Test
  void sendSyncOnTheMainThreadIsRefused() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    main.on("outer", (event, args) -> {
      try {
        renderer.sendSync("inner");
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    renderer.send("outer");
    drainMain();
    assertInstanceOf(IllegalStateException.class, failure.get());
    assertTrue(failure.get().getMessage().contains("main dispatch thread"));
  }

  @Test
  void setReturnValueOnAnAsyncMessageIsRefused() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    main.on("async", (event, args) -> {
      try {
        event.setReturnValue(1);
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    renderer.send("async");
    drainMain();
    assertInstanceOf(IllegalStateException.class, failure.get());
  }

  @Test
  void invokeResolvesWithTheHandlersValuePromiseOrStage() throws Exception {
    main.handle("value", (event, args) -> "v" + args[0]);
    main.handle("promise", (event, args) -> new PromiseFactory(null).resolved("p"));
    main.handle("stage", (event, args) -> CompletableFuture.supplyAsync(() -> "s"));
    assertEquals("v1", renderer.invoke("value", 1).getValue());
    assertEquals("p", renderer.invoke("promise").getValue());
    assertEquals("s", renderer.invoke("stage").getValue());
  }

  @Test
  void invokeCallbacksRunOnTheRenderersThread() throws Exception {
    main.handle("value", (event, args) -> 1);
    AtomicReference<String> thread = new AtomicReference<>();
    renderer.invoke("value").thenAccept(value -> thread.set(Thread.currentThread().getName())).getValue();
    assertTrue(thread.get().startsWith("ipcbus-renderers-"), thread.get());
  }

  @Test
  void invokesPromiseReturnsItselfFromItsCallbacksWhichRunOnTheRenderersThreadInOrder() throws Exception {
    main.handle("value", (event, args) -> "v");
    Promise<Object> promise = renderer.invoke("value");
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch ran = new CountDownLatch(3);
    assertSame(promise, promise.onResolve(() -> {
      seen.add("resolved on " + Thread.currentThread().getName().startsWith("ipcbus-renderers-"));
      ran.countDown();
    }));
    assertSame(promise, promise.onSuccess(value -> {
      seen.add("success " + value);
      ran.countDown();
    }));
    assertSame(promise, promise.onFailure(failure -> seen.add("failure")));
    assertSame(promise, promise.onFailure(failure -> seen.add("typed failure"), Exception.class));
    assertEquals("V", promise.map(value -> ((String) value).toUpperCase()).getValue());
    assertEquals("v", promise.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    promise.thenAccept(value -> ran.countDown());
    assertTrue(ran.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("resolved on true", "success v"), seen);
    assertTrue(promise.isDone());
    assertEquals("v", promise.getValue());
    assertNull(promise.getFailure());
  }

  @Test
  void invokeWithoutHandlerFails() throws Exception {
    Throwable failure = renderer.invoke("nobody").getFailure();
    assertEquals(IpcException.class, failure.getClass());
    assertEquals("No handler registered for 'nobody'", failure.getMessage());
  }

  @Test
  void invokeFailsWithTheHandlersExceptionTypeAndMessage() throws Exception {
    main.handle("thrower", (event, args) -> {
      throw new UnsupportedOperationException("not today");
    });
    main.handle("failed-promise", (event, args) -> new PromiseFactory(null).failed(new IllegalStateException("later")));
    IpcRemoteException thrown = (IpcRemoteException) renderer.invoke("thrower").getFailure();
    assertEquals("java.lang.UnsupportedOperationException", thrown.getRemoteType());
    assertTrue(thrown.getMessage().endsWith("not today"), thrown.getMessage());
    IpcRemoteException failed = (IpcRemoteException) renderer.invoke("failed-promise").getFailure();
    assertEquals("java.lang.IllegalStateException", failed.getRemoteType());
  }

  @Test
  void invokeTimesOut() throws Exception {
    main.handle("never", (event, args) -> new PromiseFactory(null).deferred().getPromise());
    Throwable failure = renderer.invoke("never").getFailure();
    assertInstanceOf(IpcTimeoutException.class, failure);
  }

  @Test
  void aChannelHasOneHandler() throws Exception {
    main.handle("h", (event, args) -> 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> main.handle("h", (event, args) -> 2));
    assertEquals("Attempted to register a second handler for 'h'", e.getMessage());
    main.removeHandler("h");
    assertEquals("No handler registered for 'h'", renderer.invoke("h").getFailure().getMessage());
    main.handleOnce("h", (event, args) -> "once");
    assertEquals("once", renderer.invoke("h").getValue());
    assertEquals("No handler registered for 'h'", renderer.invoke("h").getFailure().getMessage());
  }

  @Test
  void removeHandlerReturnsOnlyAfterARunningCallEndedAndNoCallStartsAfter() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    main.handle("guarded", (event, args) -> {
      calls.add("start " + args[0]);
      running.countDown();
      release.await(5, TimeUnit.SECONDS);
      calls.add("end " + args[0]);
      return args[0];
    });
    Promise<Object> first = renderer.invoke("guarded", 1);
    assertTrue(running.await(5, TimeUnit.SECONDS));
    Promise<Object> second = renderer.invoke("guarded", 2); // queued behind the running call

    CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> main.removeHandler("guarded"));
    Thread.sleep(100);
    assertFalse(removal.isDone(), "removeHandler waits for the call that is running");
    release.countDown();
    removal.get(5, TimeUnit.SECONDS);

    assertEquals(1, first.getValue());
    assertEquals("No handler registered for 'guarded'", second.getFailure().getMessage());
    assertEquals(List.of("start 1", "end 1"), calls);
  }

  @Test
  void webContentsSendReachesTheRendererInOrderOnItsThread() throws Exception {
    List<Object> received = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1000);
    renderer.on("to-renderer", (event, args) -> {
      received.add(args[0]);
      assertTrue(Thread.currentThread().getName().startsWith("ipcbus-renderers-"));
      done.countDown();
    });
    WebContents contents = main.fromId(renderer.getId()).orElseThrow();
    for (int i = 0; i < 1000; i++) {
      contents.send("to-renderer", i);
    }
    assertTrue(done.await(5, TimeUnit.SECONDS));
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, received.get(i));
    }
  }

  @Test
  void eventReplyAnswersTheSender() throws Exception {
    main.on("asynchronous-message", (event, args) -> event.reply("asynchronous-reply", "pong"));
    IpcRenderer other = rendererOf("renderer.two");
    CompletableFuture<Object> reply = new CompletableFuture<>();
    CompletableFuture<Object> otherReply = new CompletableFuture<>();
    renderer.on("asynchronous-reply", (event, args) -> reply.complete(args[0]));
    other.on("asynchronous-reply", (event, args) -> otherReply.complete(args[0]));
    renderer.send("asynchronous-message", "ping");
    assertEquals("pong", reply.get(5, TimeUnit.SECONDS));
    drainMain();
    assertFalse(otherReply.isDone());
  }

  @Test
  void aDestroyedRendererCannotSendOrBeSentTo() {
    Renderer second = bus.renderers().acquire(TestBundles.named("renderer.two"));
    bus.renderers().release(second.getBundle());
    assertTrue(second.isDestroyed());
    assertThrows(IpcClosedException.class, () -> second.send("x"));
    assertThrows(IpcClosedException.class, () -> second.client().send("x"));
    assertTrue(main.fromId(second.getId()).isEmpty());
  }

  @Test
  void destroyingARendererEndsItsWaitingSendSync() throws Exception {
    CountDownLatch inListener = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    main.on("slow", (event, args) -> {
      inListener.countDown();
      release.await();
    });
    Renderer second = bus.renderers().acquire(TestBundles.named("renderer.two"));
    CompletableFuture<Throwable> outcome = failureOf(() -> second.client().sendSync("slow"));
    assertTrue(inListener.await(5, TimeUnit.SECONDS));
    bus.renderers().release(second.getBundle());
    assertInstanceOf(IpcClosedException.class, outcome.get(1, TimeUnit.SECONDS));
    release.countDown();
  }

  @Test
  void ids_areUniqueAndNeverReused() {
    Renderer second = bus.renderers().acquire(TestBundles.named("a"));
    bus.renderers().release(second.getBundle());
    Renderer third = bus.renderers().acquire(TestBundles.named("b"));
    assertEquals(1, renderer.getId());
    assertEquals(2, second.getId());
    assertEquals(3, third.getId());
    assertEquals(List.of(1L, 3L), main.getAllWebContents().stream().map(WebContents::getId).toList());
  }

  @Test
  void mixedCallsFromOneRendererReachMainInCallOrder() throws Exception {
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    main.on("m", (event, args) -> seen.add((Integer) args[0]));
    main.handle("m", (event, args) -> seen.add((Integer) args[0]));
    List<Promise<Object>> invokes = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      switch (i % 3) {
        case 0 -> renderer.send("m", i);
        case 1 -> renderer.sendSync("m", i);
        default -> invokes.add(renderer.invoke("m", i));
      }
    }
    for (Promise<Object> p : invokes) {
      p.getValue();
    }
    assertEquals(3_000, seen.size());
    for (int i = 0; i < 3_000; i++) {
      assertEquals(i, seen.get(i));
    }
  }

  @Test
  void badArgumentsAreRefusedNamingTheParameter() {
    assertEquals("channel must not be null",
        assertThrows(IllegalArgumentException.class, () -> renderer.send(null)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> main.on(" ", (event, args) -> {}));
    assertThrows(IllegalArgumentException.class, () -> renderer.invoke("x".repeat(300)));
    assertEquals("listener must not be null",
        assertThrows(NullPointerException.class, () -> main.on("c", null)).getMessage());
    assertEquals("handler must not be null",
        assertThrows(NullPointerException.class, () -> main.handle("c", null)).getMessage());
    DataCloneException e = assertThrows(DataCloneException.class,
        () -> renderer.invoke("c", Map.of("t", new Object())));
    assertEquals("args[0].t: java.lang.Object cannot be cloned", e.getMessage());
  }

  @Test
  void nullArgumentsAreData() {
    AtomicReference<Object[]> received = new AtomicReference<>();
    main.on("n", (event, args) -> received.set(args));
    renderer.send("n", (Object) null);
    drainMain();
    assertEquals(1, received.get().length);
    assertNull(received.get()[0]);
  }

  @Test
  void closingTheBusEndsWaitingCallsWithinASecond() throws Exception {
    main.on("slow", (event, args) -> Thread.sleep(60_000));
    CompletableFuture<Throwable> outcome = failureOf(() -> renderer.sendSync("slow"));
    Thread.sleep(100);
    long start = System.nanoTime();
    bus.close();
    assertInstanceOf(IpcClosedException.class, outcome.get(1, TimeUnit.SECONDS));
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3_000);
    assertThrows(IpcClosedException.class, () -> renderer.send("x"));
  }
}
