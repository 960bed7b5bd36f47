package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcMainListener;
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
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.promise.Promise;

/**
 * Sixteen renderer bundles send 50,000 mixed messages each while listeners, handlers, whiteboard
 * services and renderer bundles come and go at random: every message to a live receiver arrives
 * exactly once and in order, and nothing reaches a listener or handler after its removal returned.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChaosIT extends IpcBusTestSupport {

  private static final int RENDERERS = 16;
  private static final int MESSAGES = 50_000;

  /** Per renderer id, what main received from it, and what it received back from main. */
  private final Map<Long, List<Integer>> atMain = new ConcurrentHashMap<>();
  private final Map<Long, List<Integer>> backAtRenderer = new ConcurrentHashMap<>();
  /** Calls of a listener or handler after its removal had returned: must stay empty. */
  private final List<String> lateCalls = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger churnRounds = new AtomicInteger();

  private static List<Integer> newLog() {
    return Collections.synchronizedList(new ArrayList<>());
  }

  @Test
  public void sixteenRenderersSendFiftyThousandMessagesEachThroughChurn() throws Exception {
    ipcMain.on("chaos", (event, args) -> {
      int sequence = (Integer) args[0];
      atMain.computeIfAbsent(event.getSender().getId(), id -> newLog()).add(sequence);
      if (event.isSync()) {
        event.getSender().send("chaos-back", sequence);
        event.setReturnValue(sequence);
      }
    });
    ipcMain.handle("chaos", (event, args) -> {
      atMain.computeIfAbsent(event.getSender().getId(), id -> newLog()).add((Integer) args[0]);
      return args[0];
    });

    List<IpcRenderer> senders = new ArrayList<>();
    for (int r = 0; r < RENDERERS; r++) {
      IpcRenderer renderer = RendererBundles.rendererOf(bundles.install("chaos-" + r));
      List<Integer> back = newLog();
      backAtRenderer.put(renderer.getId(), back);
      renderer.on("chaos-back", (event, args) -> back.add((Integer) args[0]));
      senders.add(renderer);
    }

    AtomicBoolean sending = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(RENDERERS + 1);
    Future<?> churn = threads.submit(() -> churn(sending));
    List<Future<List<Integer>>> done = new ArrayList<>();
    for (IpcRenderer sender : senders) {
      done.add(threads.submit(() -> sendMixed(sender)));
    }
    List<List<Integer>> syncSequences = new ArrayList<>();
    for (Future<List<Integer>> future : done) {
      syncSequences.add(future.get(300, TimeUnit.SECONDS));
    }
    sending.set(false);
    churn.get(60, TimeUnit.SECONDS);
    threads.shutdown();

    for (int r = 0; r < RENDERERS; r++) {
      IpcRenderer sender = senders.get(r);
      sender.sendSync("barrier");
      assertInOrder("main's messages from renderer " + sender.getId(), MESSAGES, atMain.get(sender.getId()));
      List<Integer> expectedBack = syncSequences.get(r);
      List<Integer> back = backAtRenderer.get(sender.getId());
      Await.until("the replies reached renderer " + sender.getId(), () -> back.size() >= expectedBack.size());
      assertEquals("replies of renderer " + sender.getId(), expectedBack, new ArrayList<>(back));
    }
    assertEquals(List.of(), lateCalls);
    System.out.println("ChaosIT: " + RENDERERS * MESSAGES + " messages through " + churnRounds.get()
        + " churn rounds");
  }

  private static void assertInOrder(String what, int count, List<Integer> sequence) {
    assertEquals(what + ": count", count, sequence.size());
    for (int i = 0; i < count; i++) {
      if (sequence.get(i) != i) {
        assertEquals(what + ": message " + i, Integer.valueOf(i), sequence.get(i));
      }
    }
  }

  /** Sends 0..MESSAGES-1, every tenth a sendSync and every tenth an invoke; returns the sendSyncs. */
  private static List<Integer> sendMixed(IpcRenderer sender) throws Exception {
    List<Integer> syncs = new ArrayList<>();
    List<Promise<Object>> invokes = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      switch (i % 10) {
        case 0 -> {
          assertEquals(i, sender.sendSync("chaos", i));
          syncs.add(i);
        }
        case 5 -> invokes.add(sender.invoke("chaos", i));
        default -> sender.send("chaos", i);
      }
    }
    for (Promise<Object> invoke : invokes) {
      assertEquals(null, invoke.getFailure());
    }
    return syncs;
  }

  /** Adds and removes listeners, handlers, whiteboard services and renderer bundles at random. */
  private Void churn(AtomicBoolean sending) throws Exception {
    Random random = new Random(42);
    IpcRenderer asker = RendererBundles.rendererOf(bundles.install("chaos-asker"));
    while (sending.get()) {
      churnRounds.incrementAndGet();
      switch (random.nextInt(4)) {
        case 0 -> {
          AtomicBoolean removed = new AtomicBoolean();
          IpcMainListener listener = (event, args) -> checkNotRemoved(removed, "listener");
          ipcMain.on("chaos", listener);
          Thread.sleep(random.nextInt(5));
          ipcMain.removeListener("chaos", listener);
          removed.set(true);
        }
        case 1 -> {
          AtomicBoolean removed = new AtomicBoolean();
          Dictionary<String, Object> properties = new Hashtable<>();
          properties.put(IpcConstants.CHANNEL, "chaos");
          ServiceRegistration<IpcMainListener> registration = context.registerService(
              IpcMainListener.class, (event, args) -> checkNotRemoved(removed, "whiteboard listener"), properties);
          Thread.sleep(random.nextInt(5));
          registration.unregister();
          removed.set(true);
        }
        case 2 -> {
          AtomicBoolean removed = new AtomicBoolean();
          ipcMain.handle("chaos-extra", (event, args) -> {
            checkNotRemoved(removed, "handler");
            return "handled";
          });
          Promise<Object> answer = asker.invoke("chaos-extra");
          ipcMain.removeHandler("chaos-extra");
          removed.set(true);
          Throwable failure = answer.getFailure();
          if (failure != null && !(failure instanceof IpcException)) {
            lateCalls.add("invoke failed with " + failure);
          }
        }
        default -> {
          // A renderer bundle that comes, talks, and goes: its messages arrive whole and in order.
          Bundle bundle = bundles.install("chaos-passing");
          IpcRenderer passing = RendererBundles.rendererOf(bundle);
          for (int i = 0; i < 100; i++) {
            passing.send("chaos", i);
          }
          passing.sendSync("barrier");
          List<Integer> received = atMain.remove(passing.getId());
          List<Integer> expected = java.util.stream.IntStream.range(0, 100).boxed().toList();
          if (received == null || !expected.equals(new ArrayList<>(received))) {
            lateCalls.add("passing renderer " + passing.getId() + " got " + received);
          }
          bundle.uninstall();
        }
      }
    }
    return null;
  }

  private void checkNotRemoved(AtomicBoolean removed, String what) {
    if (removed.get()) {
      lateCalls.add(what + " called after its removal returned");
    }
  }

  /**
   * Pairs of renderer bundles come and go on four threads: main connects each pair by a port and
   * scopes a listener to one of them; each pair exchanges 500 port messages, then one side closes its
   * port or its bundle stops. The other side gets all 500 in order, then its close event; the scoped
   * listener sees its own renderer's messages only.
   */
  @Test
  public void portsAndScopedListenersThroughChurn() throws Exception {
    int rounds = 40;
    int messages = 500;
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    ipcMain.on("chaos-scoped", (event, args) -> { });
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int worker = t;
      workers.add(CompletableFuture.runAsync(() -> {
        for (int round = worker; round < rounds; round += 4) {
          try {
            pairRound(round, messages, problems);
          } catch (Exception e) {
            problems.add("round " + round + ": " + e);
          }
        }
      }));
    }
    CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new))
        .get(5, TimeUnit.MINUTES);
    assertEquals(List.of(), problems);
  }

  private void pairRound(int round, int messages, List<String> problems) throws Exception {
    Bundle bundleA = bundles.install("chaos-port-a-" + round);
    IpcRenderer a = RendererBundles.rendererOf(bundleA);
    IpcRenderer b = RendererBundles.rendererOf(bundles.install("chaos-port-b-" + round));
    CompletableFuture<MessagePortMain> portA = new CompletableFuture<>();
    CompletableFuture<MessagePortMain> portB = new CompletableFuture<>();
    a.on("port", (event, args) -> portA.complete(event.getPorts().get(0)));
    b.on("port", (event, args) -> portB.complete(event.getPorts().get(0)));
    AtomicInteger scopedSeen = new AtomicInteger();
    WebContents contentsA = ipcMain.fromId(a.getId()).orElseThrow();
    contentsA.ipc().on("chaos-scoped", (event, args) -> {
      if (event.getSender().getId() != a.getId()) {
        problems.add("round " + round + ": a's scoped listener saw WebContents " + event.getSender().getId());
      }
      scopedSeen.incrementAndGet();
    });
    MessageChannelMain channel = ipcMain.newMessageChannel();
    contentsA.postMessage("port", null, channel.getPort1());
    ipcMain.fromId(b.getId()).orElseThrow().postMessage("port", null, channel.getPort2());
    List<Integer> atB = newLog();
    CountDownLatch closed = new CountDownLatch(1);
    MessagePortMain endB = portB.get(10, TimeUnit.SECONDS);
    endB.onMessage(event -> atB.add((Integer) event.getData())).onClose(closed::countDown).start();
    MessagePortMain endA = portA.get(10, TimeUnit.SECONDS);
    for (int i = 0; i < messages; i++) {
      endA.postMessage(i);
    }
    a.sendSync("chaos-scoped");
    b.sendSync("chaos-scoped");
    if (round % 2 == 0) {
      endA.close();
    } else {
      bundleA.stop();
    }
    if (!closed.await(10, TimeUnit.SECONDS)) {
      problems.add("round " + round + ": b never heard the close");
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      expected.add(i);
    }
    if (!expected.equals(atB)) {
      problems.add("round " + round + ": b got " + atB.size() + " messages, not 0.." + (messages - 1) + " in order");
    }
    if (scopedSeen.get() != 1) {
      problems.add("round " + round + ": a's scoped listener ran " + scopedSeen.get() + " times, not once");
    }
  }
}
