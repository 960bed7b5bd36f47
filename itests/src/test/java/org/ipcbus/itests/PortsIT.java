package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.MessageChannelMain;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.api.WebContents;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * MessagePorts between real renderer bundles (Electron's "renderer to renderer" pattern): main
 * makes a MessageChannelMain and gives one port to each renderer; they then talk without main.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortsIT extends IpcBusTestSupport {

  /** A renderer bundle and the port main gives it on channel "port". */
  private static final class Peer {
    final Bundle bundle;
    final IpcRenderer renderer;
    final CompletableFuture<MessagePortMain> port = new CompletableFuture<>();

    Peer(Bundle bundle) {
      this.bundle = bundle;
      this.renderer = RendererBundles.rendererOf(bundle);
      renderer.on("port", (event, args) -> port.complete(event.getPorts().get(0)));
    }

    MessagePortMain port() throws Exception {
      return port.get(10, TimeUnit.SECONDS);
    }
  }

  private Peer[] connectedPair(String name) {
    Peer a = new Peer(bundles.install(name + ".a"));
    Peer b = new Peer(bundles.install(name + ".b"));
    MessageChannelMain channel = ipcMain.newMessageChannel();
    contentsOf(a).postMessage("port", "you are a", channel.getPort1());
    contentsOf(b).postMessage("port", "you are b", channel.getPort2());
    return new Peer[] {a, b};
  }

  private WebContents contentsOf(Peer peer) {
    return ipcMain.fromId(peer.renderer.getId()).orElseThrow();
  }

  /** @return the thread main's listeners run on */
  private Thread mainThread() {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    ipcMain.once("which-thread", (event, args) -> thread.complete(Thread.currentThread()));
    ipcRenderer.send("which-thread");
    return thread.join();
  }

  @Test
  public void twoRenderersExchangeAHundredThousandMessagesEachWayInOrderWithoutMainsThread()
      throws Exception {
    Thread main = mainThread();
    Peer[] peers = connectedPair("bulk");
    int count = 100_000;
    MessagePortMain atA = peers[0].port();
    MessagePortMain atB = peers[1].port();
    Receiver toA = new Receiver(count);
    Receiver toB = new Receiver(count);
    atA.onMessage(event -> toA.take(event.getData())).start();
    atB.onMessage(event -> toB.take(event.getData())).start();
    Thread fromA = new Thread(() -> postAll(atA, count), "poster-a");
    Thread fromB = new Thread(() -> postAll(atB, count), "poster-b");
    fromA.start();
    fromB.start();
    assertTrue("a got " + toA.got.size(), toA.done.await(60, TimeUnit.SECONDS));
    assertTrue("b got " + toB.got.size(), toB.done.await(60, TimeUnit.SECONDS));
    toA.assertInOrder();
    toB.assertInOrder();
    for (Receiver receiver : List.of(toA, toB)) {
      assertTrue(receiver.threads.toString(), !receiver.threads.contains(main.getName() + "#" + main.getId()));
      assertTrue(receiver.threads.toString(), receiver.threads.stream().noneMatch(name -> name.startsWith("poster-")));
    }
  }

  @Test
  public void aPortIsTransferredOnlyOnce() throws Exception {
    Peer a = new Peer(bundles.install("once"));
    MessageChannelMain channel = ipcMain.newMessageChannel();
    contentsOf(a).postMessage("port", null, channel.getPort1());
    IllegalStateException twice = assertThrows(IllegalStateException.class,
        () -> contentsOf(a).postMessage("port", null, channel.getPort1()));
    assertTrue(twice.getMessage(), twice.getMessage().contains("already transferred"));
    IllegalStateException used = assertThrows(IllegalStateException.class, () -> channel.getPort1().postMessage("x"));
    assertTrue(used.getMessage(), used.getMessage().contains("was transferred"));
    MessagePortMain received = a.port();
    assertNotSame(channel.getPort1(), received);
    // The renderer cannot hand it back twice either.
    a.renderer.postMessage("back", null, received);
    assertThrows(IllegalStateException.class, () -> a.renderer.postMessage("back", null, received));
  }

  @Test
  public void closingOneEndIsHeardAtTheOther() throws Exception {
    Peer[] peers = connectedPair("close");
    CountDownLatch closed = new CountDownLatch(1);
    peers[1].port().onClose(closed::countDown).start();
    peers[0].port().close();
    assertTrue(closed.await(10, TimeUnit.SECONDS));
    assertTrue(peers[1].port().isClosed());
  }

  @Test
  public void stoppingARendererBundleClosesItsPortsPeers() throws Exception {
    Peer[] peers = connectedPair("stop");
    CountDownLatch closed = new CountDownLatch(1);
    peers[1].port().onClose(closed::countDown).start();
    peers[0].port().start();
    peers[0].bundle.stop();
    assertTrue(closed.await(10, TimeUnit.SECONDS));
  }

  @Test
  public void portsGoWithEventPostMessageAsAReply() throws Exception {
    Peer a = new Peer(bundles.install("reply"));
    MessageChannelMain channel = ipcMain.newMessageChannel();
    ipcMain.once("want-port", (event, args) -> event.postMessage("port", "here", channel.getPort1()));
    a.renderer.send("want-port");
    MessagePortMain port = a.port();
    CompletableFuture<Object> echoed = new CompletableFuture<>();
    channel.getPort2().onMessage(event -> echoed.complete(event.getData())).start();
    port.postMessage(List.of("over", "the", "port"));
    assertEquals(List.of("over", "the", "port"), echoed.get(10, TimeUnit.SECONDS));
  }

  @Test
  public void messagesPostedBeforeStartArriveAfterItInOrder() throws Exception {
    Peer[] peers = connectedPair("start");
    MessagePortMain atA = peers[0].port();
    MessagePortMain atB = peers[1].port();
    Receiver toB = new Receiver(1_000);
    atB.onMessage(event -> toB.take(event.getData()));
    postAll(atA, 1_000);
    Thread.sleep(100);
    assertEquals(0, toB.got.size());
    atB.start();
    assertTrue(toB.done.await(10, TimeUnit.SECONDS));
    toB.assertInOrder();
  }

  private static void postAll(MessagePortMain port, int count) {
    for (int i = 0; i < count; i++) {
      port.postMessage(i);
    }
  }

  /** Collects the messages of one port; its listener runs on one thread at a time. */
  private static final class Receiver {
    final List<Object> got = new ArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final CountDownLatch done = new CountDownLatch(1);
    final int expected;

    Receiver(int expected) {
      this.expected = expected;
    }

    synchronized void take(Object message) {
      got.add(message);
      Thread thread = Thread.currentThread();
      threads.add(thread.getName() + "#" + thread.getId());
      if (got.size() == expected) {
        done.countDown();
      }
    }

    synchronized void assertInOrder() {
      assertEquals(expected, got.size());
      for (int i = 0; i < expected; i++) {
        assertEquals(i, got.get(i));
      }
    }
  }
}
