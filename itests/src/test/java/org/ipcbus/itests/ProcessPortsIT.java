package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.MessageChannelMain;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.runtime.IpcRuntime;
import org.ipcbus.api.runtime.PortDTO;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * MessagePorts across the process boundary, with real child JVMs (the process test bundle): a port
 * whose end is in a child behaves as one in main's framework. Messages both ways arrive in order on
 * the receiving renderer's thread, while main's thread is blocked (the connection's threads relay
 * them); a close is heard at the other end; a child that dies closes its ports' peers; two children
 * talk over a port; a child gives a port back to main.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProcessPortsIT extends ProcessTestSupport {

  private static final int COUNT = 10_000;

  @Inject
  private IpcRuntime runtime;

  /** An in-process renderer bundle that takes the port main posts to it on channel "port". */
  private static final class Local {
    final Bundle bundle;
    final IpcRenderer renderer;
    final CompletableFuture<MessagePortMain> port = new CompletableFuture<>();

    Local(Bundle bundle) {
      this.bundle = bundle;
      this.renderer = RendererBundles.rendererOf(bundle);
      renderer.on("port", (event, args) -> port.complete(event.getPorts().get(0)));
    }

    MessagePortMain port() throws Exception {
      return port.get(10, TimeUnit.SECONDS);
    }
  }

  private TestChildren.Child child(String name) throws Exception {
    launchTestChild(name, leanChild(Map.of()));
    return children.awaitReady();
  }

  /** Blocks main's thread until the returned latch is counted down; returns once it is blocked. */
  private CountDownLatch blockMainsThread(Set<String> mainThread) throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ipcMain.once("ports.block", (event, args) -> {
      mainThread.add(Thread.currentThread().getName());
      blocked.countDown();
      release.await(120, TimeUnit.SECONDS);
    });
    ipcRenderer.send("ports.block");
    assertTrue("main's thread took the blocking message", blocked.await(10, TimeUnit.SECONDS));
    return release;
  }

  @Test
  public void aRendererBundleAndAChildExchangeTenThousandMessagesEachWayInOrderWhileMainsThreadIsBlocked()
      throws Exception {
    TestChildren.Child child = child("ports-echo");
    Local local = new Local(bundles.install("xports.local"));
    MessageChannelMain channel = ipcMain.newMessageChannel();
    ipcMain.fromId(local.renderer.getId()).orElseThrow().postMessage("port", "yours", channel.getPort1());
    child.contents().postMessage("test.port", "echo", channel.getPort2());
    MessagePortMain port = local.port();

    List<Object> got = new ArrayList<>();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch all = new CountDownLatch(1);
    port.onMessage(event -> {
      synchronized (got) {
        got.add(event.getData());
        threads.add(Thread.currentThread().getName());
        if (got.size() == COUNT) {
          all.countDown();
        }
      }
    }).start();

    Set<String> mainThread = ConcurrentHashMap.newKeySet();
    CountDownLatch release = blockMainsThread(mainThread);
    try {
      for (int i = 0; i < COUNT; i++) {
        port.postMessage(i);
      }
      // The child echoes each on its renderer's thread: all come back while main's thread waits.
      assertTrue("echoes back: " + got.size(), all.await(120, TimeUnit.SECONDS));
    } finally {
      release.countDown();
    }
    synchronized (got) {
      for (int i = 0; i < COUNT; i++) {
        assertEquals(i, ((Number) got.get(i)).intValue());
      }
    }
    // In-process renderers run on the shared renderer pool: the renderer's lane, never main's thread.
    assertTrue(threads.toString(), threads.stream().allMatch(name -> name.matches("ipcbus-renderers-\\d+")));
    assertFalse(mainThread.isEmpty());
    assertTrue(threads.toString(), threads.stream().noneMatch(mainThread::contains));
  }

  @Test
  public void closingEitherEndIsHeardAtTheOtherOnItsHoldersThread() throws Exception {
    TestChildren.Child child = child("ports-close");
    // Main closes: the child's port hears it on its renderer's thread.
    MessageChannelMain first = ipcMain.newMessageChannel();
    child.contents().postMessage("test.port", "echo", first.getPort2());
    CompletableFuture<Object> echoed = new CompletableFuture<>();
    first.getPort1().onMessage(event -> echoed.complete(event.getData())).start();
    first.getPort1().postMessage("hello");
    assertEquals("hello", echoed.get(30, TimeUnit.SECONDS)); // the child has it and listens
    // The runtime lists port1 as main's and port2 by the end main keeps for it, held by the process.
    PortDTO[] ports = runtime.getRuntimeDTO().ports;
    String listed = java.util.Arrays.toString(ports);
    PortDTO kept = java.util.Arrays.stream(ports).filter(dto -> dto.port == 2 && dto.webContentsId == -1
        && dto.holder.equals("renderer process 'ports-close'")).findFirst().orElseThrow(() -> new AssertionError(listed));
    assertTrue(listed, java.util.Arrays.stream(ports)
        .anyMatch(dto -> dto.channelId == kept.channelId && dto.port == 1 && dto.webContentsId == 0));
    first.getPort1().close();
    Map<String, Object> closed = children.result(child, "port-closed");
    assertEquals("ipcbus-renderer-" + child.contents().getId(), closed.get("thread"));

    // The child closes: main's port hears it.
    MessageChannelMain second = ipcMain.newMessageChannel();
    CountDownLatch heard = new CountDownLatch(1);
    second.getPort1().onClose(heard::countDown).start();
    child.contents().postMessage("test.port", "echo", second.getPort2());
    second.getPort1().postMessage("close");
    assertTrue("main's port heard the child's close", heard.await(30, TimeUnit.SECONDS));
    assertTrue(second.getPort1().isClosed());
  }

  @Test
  public void aKilledChildClosesItsPortsPeers() throws Exception {
    TestChildren.Child child = child("ports-killed");
    Local local = new Local(bundles.install("xports.killed"));
    MessageChannelMain channel = ipcMain.newMessageChannel();
    ipcMain.fromId(local.renderer.getId()).orElseThrow().postMessage("port", "yours", channel.getPort1());
    child.contents().postMessage("test.port", "echo", channel.getPort2());
    MessagePortMain port = local.port();
    CompletableFuture<Object> echoed = new CompletableFuture<>();
    CountDownLatch closed = new CountDownLatch(1);
    port.onMessage(event -> echoed.complete(event.getData())).onClose(closed::countDown).start();
    port.postMessage("are you there");
    assertEquals("are you there", echoed.get(30, TimeUnit.SECONDS));

    ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
    assertTrue("the killed child's port closed its peer", closed.await(30, TimeUnit.SECONDS));
    assertTrue(port.isClosed());
  }

  @Test
  public void twoChildrenTalkOverAPortThroughMainsConnectionThreads() throws Exception {
    TestChildren.Child echo = child("ports-a");
    TestChildren.Child source = child("ports-b");
    MessageChannelMain channel = ipcMain.newMessageChannel();
    echo.contents().postMessage("test.port", "echo", channel.getPort1());
    Set<String> mainThread = ConcurrentHashMap.newKeySet();
    CountDownLatch release = blockMainsThread(mainThread);
    try {
      source.contents().postMessage("test.port", "source " + COUNT, channel.getPort2());
      // The source prints when all came back; its output reaches main's log without main's thread.
      awaitOutput("ports-b", source.pid(), "port-source " + COUNT + " true", 1);
    } finally {
      release.countDown();
    }
    Map<String, Object> outcome = children.result(source, "port-source");
    assertEquals(COUNT, ((Number) outcome.get("count")).intValue());
    assertEquals(true, outcome.get("inOrder"));
    assertEquals("ipcbus-renderer-" + source.contents().getId(), outcome.get("threads"));
  }

  @Test
  public void aChildGivesAPortBackToMainWithIpcRendererPostMessage() throws Exception {
    TestChildren.Child child = child("ports-back");
    CompletableFuture<MessagePortMain> back = new CompletableFuture<>();
    CompletableFuture<WebContents> from = new CompletableFuture<>();
    ipcMain.once("test.port-back", (event, args) -> {
      from.complete(ipcMain.fromId(event.getSender().getId()).orElseThrow());
      back.complete(event.getPorts().get(0));
    });
    MessageChannelMain channel = ipcMain.newMessageChannel();
    child.contents().postMessage("test.port", "give-back", channel.getPort2());
    MessagePortMain returned = back.get(30, TimeUnit.SECONDS);
    assertEquals(child.contents().getId(), from.get().getId());
    // Entangled as before: what main posts on port1 arrives at the port the child gave back.
    CompletableFuture<Object> arrived = new CompletableFuture<>();
    returned.onMessage(event -> arrived.complete(event.getData())).start();
    channel.getPort1().postMessage("round trip");
    assertEquals("round trip", arrived.get(30, TimeUnit.SECONDS));
    CountDownLatch closed = new CountDownLatch(1);
    channel.getPort1().onClose(closed::countDown).start();
    returned.close();
    assertTrue(closed.await(30, TimeUnit.SECONDS));
  }
}
