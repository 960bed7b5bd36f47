package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;

/**
 * A renderer bundle is one WebContents; when it stops, the WebContents is destroyed and everything
 * it held is released. The same for main's side and for the ipcbus bundle itself. One framework
 * per test, as these tests stop bundles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class LifecycleIT extends IpcBusTestSupport {

  @Test
  public void stoppingARendererBundleDestroysItsWebContents() throws Exception {
    Bundle bundle = bundles.install("stopping");
    IpcRenderer renderer = RendererBundles.rendererOf(bundle);
    WebContents contents = ipcMain.fromId(renderer.getId()).orElseThrow();
    assertSame(bundle, contents.getBundle());
    assertFalse(contents.isDestroyed());

    bundle.stop();

    assertTrue(contents.isDestroyed());
    assertTrue(ipcMain.fromId(contents.getId()).isEmpty());
    assertFalse(ipcMain.getAllWebContents().contains(contents));
    IpcClosedException toRenderer = assertThrows(IpcClosedException.class, () -> contents.send("x"));
    assertTrue(toRenderer.getMessage(), toRenderer.getMessage().startsWith("WebContents " + contents.getId() + " is destroyed"));
    assertThrows(IpcClosedException.class, () -> renderer.send("x"));
  }

  @Test
  public void idsAreNeverReused() throws Exception {
    Bundle first = bundles.install("first");
    long firstId = RendererBundles.rendererOf(first).getId();
    first.stop();
    first.start();
    long again = RendererBundles.rendererOf(first).getId();
    long other = RendererBundles.rendererOf(bundles.install("other")).getId();
    assertTrue(firstId + " < " + again, again > firstId);
    assertTrue(again + " < " + other, other > again);
  }

  @Test
  public void stoppingABundleEndsItsWaitingSendSyncAndInvoke() throws Exception {
    CountDownLatch listening = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ipcMain.on("stuck", (event, args) -> {
      listening.countDown();
      release.await(10, TimeUnit.SECONDS);
    });
    ipcMain.handle("stuck-invoke", (event, args) -> new PromiseFactory(null).deferred().getPromise());
    Bundle bundle = bundles.install("waiting");
    IpcRenderer renderer = RendererBundles.rendererOf(bundle);
    Promise<Object> invoked = renderer.invoke("stuck-invoke");
    CompletableFuture<Throwable> sync = failureOf(() -> renderer.sendSync("stuck"));
    assertTrue(listening.await(5, TimeUnit.SECONDS));

    long start = System.nanoTime();
    bundle.stop();

    assertSame(IpcClosedException.class, sync.get(1, TimeUnit.SECONDS).getClass());
    assertSame(IpcClosedException.class, invoked.getFailure().getClass());
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000);
    release.countDown();
  }

  @Test
  public void theListenersAndHandlersABundleAddedGoWhenItStops() throws Exception {
    Bundle mainBundle = bundles.install("main-side");
    IpcMain bundleMain = RendererBundles.mainOf(mainBundle);
    bundleMain.on("owned", (event, args) -> event.setReturnValue("still here"));
    bundleMain.handle("owned", (event, args) -> "handled");
    IpcRenderer renderer = RendererBundles.rendererOf(bundles.install("asker"));
    assertEquals("still here", renderer.sendSync("owned"));

    mainBundle.stop();

    assertEquals(null, renderer.sendSync("owned"));
    assertEquals("No handler registered for 'owned'", renderer.invoke("owned").getFailure().getMessage());
  }

  @Test
  public void stoppingIpcbusEndsWaitingCallsAndLeavesNoThreadThenRestarts() throws Exception {
    Bundle impl = bundleNamed("org.ipcbus.impl");
    CountDownLatch listening = new CountDownLatch(1);
    ipcMain.on("stuck", (event, args) -> {
      listening.countDown();
      Thread.sleep(30_000);
    });
    IpcRenderer renderer = RendererBundles.rendererOf(bundles.install("caller"));
    CompletableFuture<Throwable> sync = failureOf(() -> renderer.sendSync("stuck"));
    assertTrue(listening.await(5, TimeUnit.SECONDS));

    long start = System.nanoTime();
    CompletableFuture<Long> endedAfter = sync.thenApply(failure -> System.nanoTime() - start);
    impl.stop();
    assertSame(IpcClosedException.class, sync.get(1, TimeUnit.SECONDS).getClass());
    long millis = TimeUnit.NANOSECONDS.toMillis(endedAfter.get());
    assertTrue(millis + " ms", millis < 1_000);
    Await.until("no ipcbus thread is left", () -> ipcbusThreads().isEmpty());

    impl.start();
    Bundle again = bundles.install("after-restart");
    IpcMain main = RendererBundles.mainOf(again);
    main.on("back", (event, args) -> event.setReturnValue("back"));
    assertEquals("back", RendererBundles.rendererOf(again).sendSync("back"));
  }

  @Test
  public void mainReplyingToARendererThatStoppedFailsOnlyThatReply() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    CompletableFuture<Throwable> replyFailure = new CompletableFuture<>();
    ipcMain.on("ask", (event, args) -> {
      received.countDown();
      stopped.await(5, TimeUnit.SECONDS);
      try {
        event.reply("answer", "late");
        replyFailure.complete(null);
      } catch (Throwable t) {
        replyFailure.complete(t);
      }
    });
    ipcMain.on("still", (event, args) -> event.setReturnValue("working"));
    Bundle leaving = bundles.install("leaving");
    RendererBundles.rendererOf(leaving).send("ask");
    assertTrue(received.await(5, TimeUnit.SECONDS));

    leaving.stop();
    stopped.countDown();

    Throwable failure = replyFailure.get(5, TimeUnit.SECONDS);
    assertSame(IpcClosedException.class, failure.getClass());
    assertTrue(failure.getMessage(), failure.getMessage().contains("is destroyed"));
    assertEquals("working", RendererBundles.rendererOf(bundles.install("staying")).sendSync("still"));
  }

  private static List<String> ipcbusThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(name -> name.startsWith("ipcbus-")).toList();
  }

  private Bundle bundleNamed(String symbolicName) {
    for (Bundle bundle : context.getBundles()) {
      if (symbolicName.equals(bundle.getSymbolicName())) {
        return bundle;
      }
    }
    throw new IllegalStateException(symbolicName);
  }
}
