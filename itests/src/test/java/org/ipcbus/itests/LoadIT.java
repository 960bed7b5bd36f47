package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcRenderer;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.util.promise.Promise;

/** Many renderer bundles sending at once: nothing lost, nothing duplicated, each in order. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoadIT extends IpcBusTestSupport {

  private static final int RENDERERS = 8;
  private static final int MESSAGES = 10_000;

  @After
  public void tearDown() {
    ipcMain.removeHandler("load");
  }

  @Test
  public void eightRenderersSendTenThousandMixedMessagesEachConcurrently() throws Exception {
    // Main's listeners run on one thread, so this map needs no lock: sender id -> sequence numbers.
    Map<Long, List<Integer>> arrived = new HashMap<>();
    ipcMain.on("load", (event, args) -> record(arrived, event.getSender().getId(), (Integer) args[0]));
    ipcMain.handle("load", (event, args) -> record(arrived, event.getSender().getId(), (Integer) args[0]));

    try (RendererBundles renderers = new RendererBundles(context)) {
      List<IpcRenderer> senders = new ArrayList<>();
      for (int r = 0; r < RENDERERS; r++) {
        senders.add(RendererBundles.rendererOf(renderers.install("load-" + r)));
      }
      ExecutorService threads = Executors.newFixedThreadPool(RENDERERS);
      List<Future<?>> done = new ArrayList<>();
      for (IpcRenderer sender : senders) {
        done.add(threads.submit(() -> sendMixed(sender)));
      }
      for (Future<?> future : done) {
        future.get(120, TimeUnit.SECONDS);
      }
      threads.shutdown();

      for (IpcRenderer sender : senders) {
        sender.sendSync("barrier");
        List<Integer> sequence = CompletableFuture.supplyAsync(() -> arrived.get(sender.getId())).get();
        assertEquals("messages of renderer " + sender.getId(), MESSAGES, sequence.size());
        for (int i = 0; i < MESSAGES; i++) {
          assertEquals("renderer " + sender.getId() + " message " + i, Integer.valueOf(i), sequence.get(i));
        }
      }
      assertTrue(arrived.keySet().containsAll(senders.stream().map(IpcRenderer::getId).toList()));
    }
  }

  private static Object record(Map<Long, List<Integer>> arrived, long sender, int sequence) {
    arrived.computeIfAbsent(sender, key -> new ArrayList<>()).add(sequence);
    return sequence;
  }

  private static Void sendMixed(IpcRenderer sender) throws Exception {
    List<Promise<Object>> invokes = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      switch (i % 10) {
        case 0 -> sender.sendSync("load", i);
        case 1 -> invokes.add(sender.invoke("load", i));
        default -> sender.send("load", i);
      }
    }
    for (Promise<Object> invoke : invokes) {
      assertTrue(invoke.getFailure() == null);
    }
    return null;
  }
}
