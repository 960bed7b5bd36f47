package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.runtime.IpcRuntime;
import org.ipcbus.api.runtime.RendererDTO;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

/**
 * The ipcbus bundle stopped and started again while renderers send as fast as they can: waiting
 * calls end with IpcClosedException within a second, no ipcbus thread is left, and the DS
 * components of the samples work again after the restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RestartIT extends IpcBusTestSupport {

  private static final int RENDERERS = 4;

  @Override
  @Configuration
  public Option[] config() {
    return IpcBusOptions.withSamples();
  }

  private static List<String> ipcbusThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.startsWith("ipcbus-")).toList();
  }

  private Bundle bundleNamed(String symbolicName) {
    return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
        .findFirst().orElseThrow();
  }

  @Test
  public void stoppingIpcbusUnderLoadEndsEveryCallFastAndTheSamplesComeBack() throws Exception {
    IpcMainListener slowListener = (event, args) -> {
      Thread.sleep(1);
      if (event.isSync()) {
        event.setReturnValue("ok");
      }
    };
    ipcMain.on("load", slowListener);
    ipcMain.handle("load", (event, args) -> "ok");

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong stoppedAt = new AtomicLong();
    Map<String, Long> lastCallEndedAfterStop = new ConcurrentHashMap<>();
    Map<String, Throwable> unexpected = new ConcurrentHashMap<>();
    CountDownLatch ended = new CountDownLatch(RENDERERS);
    AtomicLong calls = new AtomicLong();
    List<Thread> senders = new ArrayList<>();
    for (int r = 0; r < RENDERERS; r++) {
      IpcRenderer renderer = RendererBundles.rendererOf(bundles.install("load-" + r));
      String name = "renderer-" + r;
      Thread sender = new Thread(() -> {
        try {
          for (int i = 0; running.get(); i++) {
            try {
              switch (i % 3) {
                case 0 -> renderer.send("load", i);
                case 1 -> renderer.sendSync("load", i);
                default -> renderer.invoke("load", i).getValue();
              }
              calls.incrementAndGet();
            } catch (IpcClosedException | InvocationTargetException e) {
              // An invoke's promise fails with the IpcClosedException inside.
              Throwable failure = e instanceof InvocationTargetException ? e.getCause() : e;
              long stop = stoppedAt.get();
              if (stop == 0 || !(failure instanceof IpcClosedException)) {
                unexpected.put(name, failure);
              } else {
                lastCallEndedAfterStop.put(name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stop));
              }
              return;
            }
          }
        } catch (Throwable t) {
          unexpected.put(name, t);
        } finally {
          ended.countDown();
        }
      }, "load-" + r);
      senders.add(sender);
      sender.start();
    }
    Await.until("the renderers are sending", () -> calls.get() > 1_000);

    Bundle impl = bundleNamed("org.ipcbus.impl");
    stoppedAt.set(System.nanoTime());
    impl.stop();
    assertTrue("every sender ended", ended.await(5, TimeUnit.SECONDS));
    running.set(false);
    assertEquals(Map.of(), unexpected);
    assertEquals(RENDERERS, lastCallEndedAfterStop.size());
    lastCallEndedAfterStop.forEach((name, millis) -> assertTrue(name + " ended " + millis
        + " ms after the stop", millis < 1_000));
    Await.until("no ipcbus thread is left (" + ipcbusThreads() + ")", () -> ipcbusThreads().isEmpty());

    impl.start();
    Await.until("ipcbus is back", () -> context.getServiceReference(IpcRuntime.class) != null);
    IpcRuntime runtime = context.getService(context.getServiceReference(IpcRuntime.class));
    Await.until("the sample renderer's DS component played ping/pong again", () ->
        Arrays.stream(runtime.getRuntimeDTO().renderers).anyMatch(renderer ->
            renderer.bundleSymbolicName.equals("org.ipcbus.sample.renderer") && renderer.messagesSent == 2
                && renderer.messagesReceived == 1));
    RendererDTO sample = Arrays.stream(runtime.getRuntimeDTO().renderers)
        .filter(renderer -> renderer.bundleSymbolicName.equals("org.ipcbus.sample.renderer"))
        .findFirst().orElseThrow();
    assertEquals(0, sample.pendingSendSync + sample.pendingInvoke);
    for (Thread sender : senders) {
      sender.join(1_000);
      assertTrue(sender.getName() + " ended", !sender.isAlive());
    }
  }
}
