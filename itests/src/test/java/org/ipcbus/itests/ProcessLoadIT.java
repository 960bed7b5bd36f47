package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcRenderer;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.util.promise.Promise;

/**
 * Renderer processes and renderer bundles of main's framework sending at once: every sender's
 * messages reach main exactly once and in order, whichever side of a socket it is on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProcessLoadIT extends ProcessTestSupport {

  private static final int PROCESSES = 4;
  private static final int IN_PROCESS = 2;
  private static final int MESSAGES = 10_000;

  @After
  public void removeHandler() {
    ipcMain.removeHandler("test.flood");
  }

  @Test
  public void fourChildrenAndTwoBundlesSendTenThousandMixedMessagesEachExactlyOnceInOrder() throws Exception {
    // sender's WebContents id -> sequence numbers as they arrived
    Map<Long, List<Integer>> arrived = new ConcurrentHashMap<>();
    ipcMain.on("test.flood", (event, args) -> record(arrived, event.getSender().getId(), args[0]));
    ipcMain.handle("test.flood", (event, args) -> record(arrived, event.getSender().getId(), args[0]));

    for (int i = 1; i <= PROCESSES; i++) {
      launchTestChild("load-" + i, leanChild(Map.of()));
    }
    List<TestChildren.Child> senders = new ArrayList<>();
    for (int i = 1; i <= PROCESSES; i++) {
      senders.add(children.awaitReady());
    }
    List<IpcRenderer> bundleSenders = new ArrayList<>();
    for (int i = 0; i < IN_PROCESS; i++) {
      bundleSenders.add(RendererBundles.rendererOf(bundles.install("load-" + i)));
    }

    long start = System.nanoTime();
    senders.forEach(child -> children.command(child, "flood " + MESSAGES));
    List<CompletableFuture<Void>> inProcess = bundleSenders.stream()
        .map(sender -> CompletableFuture.runAsync(() -> flood(sender))).toList();
    for (TestChildren.Child child : senders) {
      Map<String, Object> outcome = children.result(child, "flood");
      assertEquals(outcome.toString(), 0, outcome.get("failedInvokes"));
    }
    for (CompletableFuture<Void> done : inProcess) {
      assertNull(done.get(60, TimeUnit.SECONDS));
    }
    report("ProcessLoadIT: " + PROCESSES + " children and " + IN_PROCESS + " bundles x " + MESSAGES
        + " mixed messages in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");

    List<Long> ids = new ArrayList<>();
    senders.forEach(child -> ids.add(child.contents().getId()));
    bundleSenders.forEach(sender -> ids.add(sender.getId()));
    for (long id : ids) {
      List<Integer> sequence = arrived.get(id);
      synchronized (sequence) {
        assertEquals("messages of WebContents " + id, MESSAGES, sequence.size());
        for (int i = 0; i < MESSAGES; i++) {
          assertEquals("WebContents " + id + " message " + i, Integer.valueOf(i), sequence.get(i));
        }
      }
    }
    assertEquals(ids.size(), arrived.size());
  }

  /**
   * A child killed with SIGKILL in the middle of its flood: what it sent before reached main in order
   * with no gap, the other children lose nothing and keep their order, sends to its WebContents
   * throw IpcClosedException, and it is started again.
   */
  @Test
  public void aChildKilledInTheMiddleOfItsFloodCostsTheOthersNothing() throws Exception {
    Map<Long, List<Integer>> arrived = new ConcurrentHashMap<>();
    ipcMain.on("test.flood", (event, args) -> record(arrived, event.getSender().getId(), args[0]));
    ipcMain.handle("test.flood", (event, args) -> record(arrived, event.getSender().getId(), args[0]));
    launchTestChild("victim", leanChild(Map.of()));
    TestChildren.Child victim = children.awaitReady();
    List<TestChildren.Child> survivors = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      launchTestChild("survivor-" + i, leanChild(Map.of()));
      survivors.add(children.awaitReady());
    }

    children.command(victim, "flood " + 10 * MESSAGES);
    survivors.forEach(child -> children.command(child, "flood " + MESSAGES));
    Await.within(30_000, "the victim sent 2,000 messages", () -> sizeOf(arrived, victim.contents().getId()) >= 2_000);
    ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();

    for (TestChildren.Child child : survivors) {
      Map<String, Object> outcome = children.result(child, "flood");
      assertEquals(outcome.toString(), 0, outcome.get("failedInvokes"));
      List<Integer> sequence = arrived.get(child.contents().getId());
      synchronized (sequence) {
        assertEquals(MESSAGES, sequence.size());
        for (int i = 0; i < MESSAGES; i++) {
          assertEquals("survivor " + child.contents().getId() + " message " + i, Integer.valueOf(i), sequence.get(i));
        }
      }
    }
    Await.within(10_000, "the victim's WebContents is destroyed", victim.contents()::isDestroyed);
    List<Integer> cut = arrived.get(victim.contents().getId());
    synchronized (cut) {
      assertTrue(cut.size() >= 2_000 && cut.size() < 10 * MESSAGES);
      for (int i = 0; i < cut.size(); i++) {
        assertEquals("victim message " + i, Integer.valueOf(i), cut.get(i));
      }
    }
    try {
      victim.contents().send("test.command", "ping");
      fail("a send to a killed child's WebContents throws");
    } catch (IpcClosedException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("killed, exit code 137"));
    }
    TestChildren.Child restarted = children.awaitReady();
    assertNotEquals(victim.pid(), restarted.pid());
  }

  private static int sizeOf(Map<Long, List<Integer>> arrived, long sender) {
    List<Integer> sequence = arrived.get(sender);
    if (sequence == null) {
      return 0;
    }
    synchronized (sequence) {
      return sequence.size();
    }
  }

  private static Object record(Map<Long, List<Integer>> arrived, long sender, Object sequence) {
    List<Integer> sequences = arrived.computeIfAbsent(sender, key -> new ArrayList<>());
    synchronized (sequences) {
      sequences.add((Integer) sequence);
    }
    return sequence;
  }

  /** What the process test bundle's flood does, from a bundle of main's framework. */
  private static void flood(IpcRenderer sender) {
    List<Promise<Object>> invokes = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      switch (i % 10) {
        case 0 -> sender.sendSync("test.flood", i);
        case 1 -> invokes.add(sender.invoke("test.flood", i));
        default -> sender.send("test.flood", i);
      }
    }
    for (Promise<Object> invoke : invokes) {
      try {
        if (invoke.getFailure() != null) {
          throw new AssertionError("an invoke failed", invoke.getFailure());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    sender.sendSync("test.barrier"); // answered after main handled everything sent before it
  }
}
