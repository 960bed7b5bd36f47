package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.WebContentsListener;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Main hears renderers come and go (Electron's {@code web-contents-created} and
 * {@code 'destroyed'}), in order with their messages, with the reason they went.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LifecycleEventsIT extends IpcBusTestSupport {

  /** What main's thread saw, in its order: "created 5", "message 5", "destroyed 5 reason". */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private ServiceRegistration<WebContentsListener> listen() {
    return context.registerService(WebContentsListener.class, new WebContentsListener() {
      @Override
      public void created(WebContents webContents) {
        seen.add("created " + webContents.getId());
      }

      @Override
      public void destroyed(WebContents webContents, String reason) {
        seen.add("destroyed " + webContents.getId() + " " + reason);
      }
    }, null);
  }

  @Test
  public void aThousandRenderersComingAndGoingWhileTheySend() throws Exception {
    ServiceRegistration<WebContentsListener> registration = listen();
    ipcMain.on("churn", (event, args) -> seen.add("message " + event.getSender().getId() + " " + args[0]));
    // 1,000 renderers: 100 bundles, each started and stopped 10 times (a stop and start is a new
    // renderer with a new id, and far cheaper than installing a bundle).
    int renderers = 1_000;
    int cycles = 10;
    int messages = 5;
    int threads = 4;
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(CompletableFuture.runAsync(() -> {
        for (int b = 0; b < renderers / cycles / threads; b++) {
          Bundle bundle = bundles.install("churn");
          for (int c = 0; c < cycles; c++) {
            IpcRenderer renderer = RendererBundles.rendererOf(bundle);
            for (int m = 0; m < messages; m++) {
              renderer.send("churn", m);
            }
            try {
              bundle.stop();
              if (c < cycles - 1) {
                bundle.start();
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        }
      }));
    }
    CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    // The last destroyed is queued behind everything before it: wait for main to run it.
    CompletableFuture<Void> drained = new CompletableFuture<>();
    ipcMain.once("drained", (event, args) -> drained.complete(null));
    ipcRenderer.send("drained");
    drained.get(30, TimeUnit.SECONDS);
    registration.unregister();

    Map<Long, List<String>> byRenderer = new HashMap<>();
    for (String line : seen) {
      long id = Long.parseLong(line.split(" ")[1]);
      byRenderer.computeIfAbsent(id, key -> new ArrayList<>()).add(line.split(" ")[0]
          + (line.startsWith("message") ? " " + line.split(" ")[2] : ""));
    }
    byRenderer.remove(ipcRenderer.getId());
    assertEquals(renderers, byRenderer.size());
    List<String> expected = new ArrayList<>();
    expected.add("created");
    for (int m = 0; m < messages; m++) {
      expected.add("message " + m);
    }
    expected.add("destroyed");
    byRenderer.forEach((id, events) -> assertEquals("WebContents " + id, expected, events));
    assertTrue(seen.stream().filter(line -> line.startsWith("destroyed"))
        .allMatch(line -> line.endsWith(" its bundle stopped")));
  }

  @Test
  public void aWebContentsTellsItsOwnListenersWhyItWent() throws Exception {
    Bundle bundle = bundles.install("released");
    ServiceReference<IpcRenderer> reference = bundle.getBundleContext().getServiceReference(IpcRenderer.class);
    IpcRenderer renderer = bundle.getBundleContext().getService(reference);
    WebContents contents = ipcMain.fromId(renderer.getId()).orElseThrow();
    List<String> own = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> gone = new CompletableFuture<>();
    contents.addWebContentsListener(new WebContentsListener() {
      @Override
      public void destroyed(WebContents webContents, String reason) {
        own.add("destroyed " + reason);
        gone.complete(null);
      }
    });
    ipcMain.on("last-words", (event, args) -> own.add("message " + args[0]));
    renderer.send("last-words", "bye");
    // The bundle runs on; it only lets go of IpcRenderer.
    bundle.getBundleContext().ungetService(reference);
    gone.get(10, TimeUnit.SECONDS);
    assertEquals(List.of("message bye", "destroyed its bundle stopped using ipcbus"), own);
    assertEquals(Bundle.ACTIVE, bundle.getState());
  }
}
