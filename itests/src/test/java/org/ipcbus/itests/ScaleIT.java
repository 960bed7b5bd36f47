package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * A thousand renderer bundles, generated in memory, each with a listener: main's broadcasts reach
 * every one in order, the renderers share a bounded pool of threads, and a listener blocked for
 * 10 s holds up only its own renderer.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ScaleIT extends IpcBusTestSupport {

  private static final int RENDERERS = 1_000;
  private static final int ROUNDS = 10;
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** One renderer bundle's listener: what it got, in order, and whether two calls overlapped. */
  private static final class Receiver {
    final IpcRenderer renderer;
    final List<Integer> received = new ArrayList<>(); // only its renderer's lane touches it
    final AtomicBoolean inside = new AtomicBoolean();
    final AtomicReference<String> overlap = new AtomicReference<>();
    volatile CountDownLatch blockedUntil;
    volatile int count;

    Receiver(IpcRenderer renderer) {
      this.renderer = renderer;
      renderer.on("scale", (event, args) -> onMessage(args[0]));
    }

    private void onMessage(Object value) throws InterruptedException {
      if (!inside.compareAndSet(false, true)) {
        overlap.set("two listener calls at once on renderer " + renderer.getId());
      }
      try {
        if ("block".equals(value)) {
          blockedUntil.await(10, TimeUnit.SECONDS);
          return;
        }
        received.add((Integer) value);
        count = received.size();
      } finally {
        inside.set(false);
      }
    }
  }

  private static long ipcbusThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("ipcbus-") && thread.isAlive()).count();
  }

  private static void awaitCount(List<Receiver> receivers, int count, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (Receiver receiver : receivers) {
      while (receiver.count < count) {
        assertTrue("renderer " + receiver.renderer.getId() + " got " + receiver.count + " of " + count
            + " within " + millis + " ms", System.nanoTime() < deadline);
        Thread.sleep(1);
      }
    }
  }

  @Test
  public void aThousandRendererBundlesGetEveryBroadcastInOrderOnABoundedPoolAndABlockedOneHoldsUpOnlyItself()
      throws Exception {
    long threadsBefore = ipcbusThreads();
    List<Receiver> receivers = new ArrayList<>();
    Map<Long, WebContents> contents = new HashMap<>();
    for (int i = 0; i < RENDERERS; i++) {
      Bundle bundle = bundles.install("scale-" + i);
      receivers.add(new Receiver(RendererBundles.rendererOf(bundle)));
    }
    for (WebContents each : ipcMain.getAllWebContents()) {
      contents.put(each.getId(), each);
    }

    for (int round = 0; round < ROUNDS; round++) {
      for (Receiver receiver : receivers) {
        contents.get(receiver.renderer.getId()).send("scale", round);
      }
    }
    awaitCount(receivers, ROUNDS, 30_000);
    List<Integer> expected = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      expected.add(round);
    }
    for (Receiver receiver : receivers) {
      assertEquals("messages of renderer " + receiver.renderer.getId(), expected, receiver.received);
      assertNull(receiver.overlap.get());
    }
    long threads = ipcbusThreads();
    assertTrue(threads + " ipcbus threads for " + RENDERERS + " renderers (" + threadsBefore
        + " before they came)", threads <= CORES + 8);

    // One renderer's listener blocks for 10 s: every other renderer keeps getting its messages.
    CountDownLatch release = new CountDownLatch(1);
    Receiver stuck = receivers.get(0);
    stuck.blockedUntil = release;
    try {
      contents.get(stuck.renderer.getId()).send("scale", "block");
      long start = System.nanoTime();
      for (Receiver receiver : receivers) {
        contents.get(receiver.renderer.getId()).send("scale", ROUNDS);
      }
      List<Receiver> others = receivers.subList(1, RENDERERS);
      awaitCount(others, ROUNDS + 1, 5_000);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue("the others took " + millis + " ms", millis < 5_000);
      assertEquals("the blocked renderer's next message waits for its listener", ROUNDS, stuck.count);
      assertTrue(ipcbusThreads() + " ipcbus threads", ipcbusThreads() <= CORES + 8);
    } finally {
      release.countDown();
    }
    awaitCount(List.of(stuck), ROUNDS + 1, 10_000);
    assertNull(stuck.overlap.get());
  }
}
