package org.ipcbus.impl.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.MessagePortMain;
import org.ipcbus.impl.clone.CloneLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two relays back to back, as main's and a child's side of one connection, with one thread per
 * direction standing in for the socket and its reader: a port handed across keeps the semantics of
 * a port in one framework, and what a peer must not send is refused naming the port.
 */
class PortRelayTest {

  private final ExecutorService toChild = Executors.newSingleThreadExecutor();
  private final ExecutorService toMain = Executors.newSingleThreadExecutor();
  private final ExecutorService mainThread = Executors.newSingleThreadExecutor();
  private final ExecutorService childThread = Executors.newSingleThreadExecutor();
  private final List<Throwable> failures = new ArrayList<>();
  private final PortRelay[] relays = new PortRelay[2];
  private final PortRelay mainRelay = relay("renderer process 'child'", true, toChild, 1);
  private final PortRelay childRelay = relay("main", false, toMain, 0);
  private final PortHolder main = holder("main", mainThread);
  private final PortHolder child = holder("WebContents 1", childThread);

  private PortRelay relay(String peer, boolean mainSide, ExecutorService socket, int other) {
    PortRelay relay = new PortRelay(peer, mainSide, "relay-" + peer, new PortRelay.Wire() {
      @Override
      public void message(long port, Object message, List<Long> ports) {
        socket.execute(() -> relays[other].message(port, message, ports));
      }

      @Override
      public void close(long port) {
        socket.execute(() -> relays[other].close(port));
      }
    }, this::failed, () -> CloneLimits.DEFAULTS);
    relays[mainSide ? 0 : 1] = relay;
    return relay;
  }

  private PortHolder holder(String name, ExecutorService thread) {
    return new PortHolder(name, 0, task -> {
      thread.execute(task);
      return true;
    }, this::failed, () -> CloneLimits.DEFAULTS);
  }

  private synchronized void failed(String message, Throwable failure) {
    failures.add(new AssertionError(message, failure));
  }

  @AfterEach
  void stop() {
    mainRelay.closeAll();
    childRelay.closeAll();
    List.of(toChild, toMain, mainThread, childThread).forEach(ExecutorService::shutdownNow);
    assertEquals(List.of(), failures);
  }

  /** Main's send, then the child's receive on the "socket", as a POST would carry it. */
  private MessagePortMain handToChild(MessagePortMain port) throws Exception {
    PortRelay.Outgoing outgoing = mainRelay.send(List.of(port), "test");
    CompletableFuture<MessagePortMain> received = new CompletableFuture<>();
    toChild.execute(() -> {
      MessagePortMain at = childRelay.receive(outgoing.ids()).get(0);
      received.complete(Transfer.of(new MessagePortMain[] {at}, null, "test").arrive(child).get(0));
    });
    outgoing.start();
    return received.get(5, TimeUnit.SECONDS);
  }

  @Test
  void messagesCrossBothWaysInOrderAndACloseIsHeard() throws Exception {
    PortPair channel = main.newChannel();
    MessagePortMain atChild = handToChild(channel.getPort2());
    MessagePortMain atMain = channel.getPort1();
    int count = 2_000;
    List<Object> toChildGot = new ArrayList<>();
    List<Object> toMainGot = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(2);
    List<String> childThreads = new ArrayList<>();
    atChild.onMessage(event -> {
      toChildGot.add(event.getData());
      childThreads.add(Thread.currentThread().getName());
      if (toChildGot.size() == count) {
        done.countDown();
      }
    });
    atMain.onMessage(event -> {
      toMainGot.add(event.getData());
      if (toMainGot.size() == count) {
        done.countDown();
      }
    });
    for (int i = 0; i < count; i++) {
      atMain.postMessage(i); // queued at the child until it starts
      atChild.postMessage(-i);
    }
    atChild.start();
    atMain.start();
    assertTrue(done.await(10, TimeUnit.SECONDS), toChildGot.size() + " / " + toMainGot.size());
    for (int i = 0; i < count; i++) {
      assertEquals(i, toChildGot.get(i));
      assertEquals(-i, toMainGot.get(i));
    }
    assertEquals(1, childThreads.stream().distinct().count()); // the child holder's one thread

    CountDownLatch closed = new CountDownLatch(1);
    atMain.onClose(closed::countDown);
    atChild.close();
    assertTrue(closed.await(5, TimeUnit.SECONDS));
    assertEquals(0, mainRelay.links());
  }

  @Test
  void aPortCarriedByAPortMessageCrossesTooAndTheConnectionsEndClosesThePeers() throws Exception {
    PortPair first = main.newChannel();
    PortPair second = main.newChannel();
    MessagePortMain atChild = handToChild(first.getPort2());
    CompletableFuture<MessagePortMain> carried = new CompletableFuture<>();
    atChild.onMessage(event -> carried.complete(event.getPorts().get(0))).start();
    first.getPort1().postMessage("take this", second.getPort2());
    MessagePortMain secondAtChild = carried.get(5, TimeUnit.SECONDS);
    CompletableFuture<Object> got = new CompletableFuture<>();
    secondAtChild.onMessage(event -> got.complete(event.getData())).start();
    second.getPort1().postMessage("over the carried port");
    assertEquals("over the carried port", got.get(5, TimeUnit.SECONDS));

    CountDownLatch closed = new CountDownLatch(2);
    first.getPort1().onClose(closed::countDown).start();
    second.getPort1().onClose(closed::countDown).start();
    childRelay.closeAll(); // the child's side of the connection is gone
    toMain.execute(() -> mainRelay.closeAll()); // main sees the connection end after what came before
    assertTrue(closed.await(5, TimeUnit.SECONDS));
  }

  @Test
  void aPeerIsRefusedOnAPortItDoesNotHoldAndAnIdOfTheWrongParity() {
    PortRelay.Refused never = assertThrows(PortRelay.Refused.class, () -> mainRelay.message(7, "x", List.of()));
    assertEquals("PORT_MESSAGE on port 7, which renderer process 'child' does not hold: no port with that id "
        + "crossed this connection", never.getMessage());
    PortRelay.Refused ownParity = assertThrows(PortRelay.Refused.class, () -> mainRelay.receive(List.of(4L)));
    assertEquals("port 4 was announced by renderer process 'child', but ids it allocates are odd",
        ownParity.getMessage());
    PortRelay.Refused close = assertThrows(PortRelay.Refused.class, () -> childRelay.close(2));
    assertTrue(close.getMessage().startsWith("PORT_CLOSE on port 2, which main does not hold"), close.getMessage());
  }

  @Test
  void aMessageOnALinkClosedMeanwhileIsDroppedAndItsPortsClose() throws Exception {
    PortPair channel = main.newChannel();
    MessagePortMain atChild = handToChild(channel.getPort2());
    atChild.start();
    CountDownLatch closed = new CountDownLatch(1);
    channel.getPort1().onClose(closed::countDown).start();
    atChild.close();
    assertTrue(closed.await(5, TimeUnit.SECONDS));
    // The child closed link 2; a message main sent on it before it heard, carrying a port, crosses the close.
    PortPair other = main.newChannel();
    CountDownLatch otherClosed = new CountDownLatch(1);
    other.getPort1().onClose(otherClosed::countDown).start();
    PortRelay.Outgoing carried = mainRelay.send(List.of(other.getPort2()), "test");
    toChild.execute(() -> childRelay.message(2, "crossed the close", carried.ids()));
    carried.start();
    assertTrue(otherClosed.await(5, TimeUnit.SECONDS), "the dropped message's port closed, and main heard it");
  }
}
