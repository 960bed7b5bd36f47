package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.MessageChannelMain;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.api.WebContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** MessagePorts in one framework: main sets two renderers up, then they talk without main. */
class MessagePortTest {

  private final RecordingLog log = new RecordingLog();
  private Bus bus;
  private IpcMain main;

  @BeforeEach
  void start() {
    bus = new Bus(BusConfig.of(2_000, 2_000, 1_000), log);
    main = new MainClient(bus, TestBundles.named("main"));
  }

  @AfterEach
  void stop() {
    bus.close();
  }

  /** A renderer that keeps the first port main posts to it on channel "port". */
  private static CompletableFuture<MessagePortMain> portOf(IpcRenderer renderer) {
    CompletableFuture<MessagePortMain> port = new CompletableFuture<>();
    renderer.on("port", (event, args) -> port.complete(event.getPorts().get(0)));
    return port;
  }

  private WebContents contentsOf(IpcRenderer renderer) {
    return main.fromId(renderer.getId()).orElseThrow();
  }

  @Test
  void rendererToRendererInOrderOnTheRenderersThreads() throws Exception {
    IpcRenderer a = bus.renderers().acquire(TestBundles.named("a")).client();
    IpcRenderer b = bus.renderers().acquire(TestBundles.named("b")).client();
    CompletableFuture<MessagePortMain> portA = portOf(a);
    CompletableFuture<MessagePortMain> portB = portOf(b);
    MessageChannelMain channel = main.newMessageChannel();
    contentsOf(a).postMessage("port", "left", channel.getPort1());
    contentsOf(b).postMessage("port", "right", channel.getPort2());
    MessagePortMain atA = portA.get(5, TimeUnit.SECONDS);
    MessagePortMain atB = portB.get(5, TimeUnit.SECONDS);
    int count = 20_000;
    List<Object> got = new ArrayList<>();
    List<String> threads = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    atB.onMessage(event -> {
      got.add(event.getData());
      threads.add(Thread.currentThread().getName());
      if (got.size() == count) {
        done.countDown();
      }
    });
    atB.start();
    for (int i = 0; i < count; i++) {
      atA.postMessage(i);
    }
    assertTrue(done.await(10, TimeUnit.SECONDS));
    for (int i = 0; i < count; i++) {
      assertEquals(i, got.get(i));
    }
    assertTrue(threads.stream().allMatch(name -> name.equals("ipcbus-renderer-" + b.getId())), threads.get(0));
  }

  @Test
  void queuedUntilStartThenInOrder() throws Exception {
    MessageChannelMain channel = main.newMessageChannel();
    channel.getPort1().postMessage("one");
    channel.getPort1().postMessage("two");
    List<Object> got = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(2);
    channel.getPort2().onMessage(event -> {
      got.add(event.getData());
      done.countDown();
    });
    Thread.sleep(50);
    assertTrue(got.isEmpty());
    channel.getPort2().start();
    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("one", "two"), got);
  }

  @Test
  void aPortIsTransferredOnce() {
    IpcRenderer a = bus.renderers().acquire(TestBundles.named("a")).client();
    MessageChannelMain channel = main.newMessageChannel();
    contentsOf(a).postMessage("port", null, channel.getPort1());
    IllegalStateException twice = assertThrows(IllegalStateException.class,
        () -> contentsOf(a).postMessage("port", null, channel.getPort1()));
    assertTrue(twice.getMessage().contains("already transferred"), twice.getMessage());
    assertThrows(IllegalStateException.class, () -> channel.getPort1().postMessage("x"));
    assertThrows(IllegalStateException.class, () -> channel.getPort1().start());
    IllegalStateException same = assertThrows(IllegalStateException.class,
        () -> contentsOf(a).postMessage("port", null, channel.getPort2(), channel.getPort2()));
    assertTrue(same.getMessage().contains("twice"), same.getMessage());
  }

  @Test
  void closeAndRendererGoneAreHeardAtTheOtherEnd() throws Exception {
    MessageChannelMain channel = main.newMessageChannel();
    CountDownLatch closed = new CountDownLatch(1);
    channel.getPort2().onClose(closed::countDown).start();
    channel.getPort1().close();
    assertTrue(closed.await(5, TimeUnit.SECONDS));
    assertTrue(channel.getPort2().isClosed());

    Bundle bundle = TestBundles.named("gone");
    IpcRenderer gone = bus.renderers().acquire(bundle).client();
    CompletableFuture<MessagePortMain> port = portOf(gone);
    MessageChannelMain second = main.newMessageChannel();
    CountDownLatch peerClosed = new CountDownLatch(1);
    second.getPort2().onClose(peerClosed::countDown).start();
    contentsOf(gone).postMessage("port", null, second.getPort1());
    port.get(5, TimeUnit.SECONDS).start();
    bus.renderers().release(bundle);
    assertTrue(peerClosed.await(5, TimeUnit.SECONDS));
  }

  @Test
  void rendererHandsMainAPort() throws Exception {
    IpcRenderer a = bus.renderers().acquire(TestBundles.named("a")).client();
    CompletableFuture<MessagePortMain> portA = portOf(a);
    MessageChannelMain channel = main.newMessageChannel();
    contentsOf(a).postMessage("port", null, channel.getPort1());
    MessagePortMain atA = portA.get(5, TimeUnit.SECONDS);
    // The renderer makes no channel itself here: it hands its port back with a message.
    AtomicReference<String> thread = new AtomicReference<>();
    CompletableFuture<Object> echoed = new CompletableFuture<>();
    main.on("back", (event, args) -> {
      MessagePortMain back = event.getPorts().get(0);
      back.onMessage(message -> {
        thread.set(Thread.currentThread().getName());
        echoed.complete(message.getData());
      }).start();
      assertEquals(ProcessHandle.current().pid(), event.getProcessId());
    });
    a.postMessage("back", "here", atA);
    channel.getPort2().postMessage("hello");
    assertEquals("hello", echoed.get(5, TimeUnit.SECONDS));
    assertEquals("ipcbus-main", thread.get());
    assertFalse(channel.getPort2().isClosed());
  }

  @Test
  void aPortTravelsInAPortMessageAndADroppedMessageClosesThePortsItCarried() throws Exception {
    MessageChannelMain line = main.newMessageChannel();
    MessageChannelMain carried = main.newMessageChannel();
    CompletableFuture<MessagePortMain> arrived = new CompletableFuture<>();
    line.getPort2().onMessage(event -> arrived.complete(event.getPorts().get(0))).start();
    line.getPort1().postMessage("take this", carried.getPort1());
    MessagePortMain port = arrived.get(5, TimeUnit.SECONDS);
    CompletableFuture<Object> got = new CompletableFuture<>();
    port.onMessage(event -> got.complete(event.getData())).start();
    carried.getPort2().postMessage("through the carried port");
    assertEquals("through the carried port", got.get(5, TimeUnit.SECONDS));
    IllegalStateException own = assertThrows(IllegalStateException.class,
        () -> line.getPort1().postMessage(null, line.getPort2()));
    assertTrue(own.getMessage().contains("channel it would travel on"), own.getMessage());

    // The other end is closed: the message is dropped, and the port it carried closes.
    MessageChannelMain third = main.newMessageChannel();
    CountDownLatch closed = new CountDownLatch(1);
    third.getPort2().onClose(closed::countDown).start();
    line.getPort2().close();
    Thread.sleep(50); // the close reaches port1's queue; a post after it is dropped
    line.getPort1().postMessage("nobody", third.getPort1());
    assertTrue(closed.await(5, TimeUnit.SECONDS));
    IllegalStateException closedHere = assertThrows(IllegalStateException.class,
        () -> line.getPort2().postMessage("x"));
    assertTrue(closedHere.getMessage().contains("closed"), closedHere.getMessage());
  }

  @Test
  void badTransfersNameTheArgument() {
    MessageChannelMain channel = main.newMessageChannel();
    IpcRenderer a = bus.renderers().acquire(TestBundles.named("a")).client();
    NullPointerException nothing = assertThrows(NullPointerException.class,
        () -> contentsOf(a).postMessage("port", null, channel.getPort1(), null));
    assertEquals("WebContents.postMessage on channel 'port' to WebContents " + a.getId()
        + ": transfer[1] is null", nothing.getMessage());
    assertFalse(channel.getPort1().isClosed()); // nothing was transferred
    MessagePortMain foreign = new MessagePortMain() {
      public void postMessage(Object message, MessagePortMain... transfer) {}
      public void start() {}
      public void close() {}
      public MessagePortMain onMessage(org.ipcbus.api.MessagePortListener listener) { return this; }
      public MessagePortMain removeMessageListener(org.ipcbus.api.MessagePortListener listener) { return this; }
      public MessagePortMain onClose(Runnable listener) { return this; }
      public boolean isClosed() { return false; }
    };
    IllegalArgumentException notOurs = assertThrows(IllegalArgumentException.class,
        () -> a.postMessage("back", null, foreign));
    assertTrue(notOurs.getMessage().contains("transfer[0]") && notOurs.getMessage().contains("not a MessagePortMain of ipcbus"),
        notOurs.getMessage());
  }
}
