package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.api.WebContents;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.LogEntry;

/** Listeners, handlers and renderer listeners registered as services are wired in and out. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WhiteboardIT extends IpcBusTestSupport {

  private static Dictionary<String, Object> channel(Object channels) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(IpcConstants.CHANNEL, channels);
    return properties;
  }

  @Test
  public void aMainListenerServiceIsWiredInWhileRegistered() {
    Bundle owner = bundles.install("main-listener-owner");
    ServiceRegistration<IpcMainListener> registration = owner.getBundleContext().registerService(
        IpcMainListener.class, (event, args) -> event.setReturnValue("answered " + args[0]),
        channel("wb-sync"));
    assertEquals("answered 1", ipcRenderer.sendSync("wb-sync", 1));

    registration.unregister();
    assertNull(ipcRenderer.sendSync("wb-sync", 2));
  }

  @Test
  public void aListenerServiceMayListenOnSeveralChannels() {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    ServiceRegistration<IpcMainListener> registration = context.registerService(IpcMainListener.class,
        (event, args) -> seen.add(event.getChannel()), channel(new String[] {"wb-a", "wb-b"}));
    try {
      ipcRenderer.send("wb-a");
      ipcRenderer.send("wb-b");
      ipcRenderer.sendSync("wb-a");
      assertEquals(List.of("wb-a", "wb-b", "wb-a"), seen);
    } finally {
      registration.unregister();
    }
  }

  @Test
  public void changedChannelsAreWiredAnew() {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    ServiceRegistration<IpcMainListener> registration = context.registerService(IpcMainListener.class,
        (event, args) -> seen.add(event.getChannel()), channel("wb-before"));
    try {
      registration.setProperties(channel("wb-after"));
      ipcRenderer.sendSync("wb-before");
      ipcRenderer.sendSync("wb-after");
      assertEquals(List.of("wb-after"), seen);
    } finally {
      registration.unregister();
    }
  }

  @Test
  public void aServiceWithAnInvalidChannelIsNotWiredAndHarmsNothing() {
    List<Object> seen = Collections.synchronizedList(new ArrayList<>());
    ServiceRegistration<IpcMainListener> wrongType = context.registerService(IpcMainListener.class,
        (event, args) -> seen.add("wrong type"), channel(42));
    ServiceRegistration<IpcMainListener> blank = context.registerService(IpcMainListener.class,
        (event, args) -> seen.add("blank"), channel(" "));
    ServiceRegistration<IpcMainListener> good = context.registerService(IpcMainListener.class,
        (event, args) -> seen.add("good"), channel("wb-good"));
    try {
      ipcRenderer.sendSync("wb-good");
      ipcRenderer.sendSync("42");
      assertEquals(List.of("good"), seen);
      long wrongId = (Long) wrongType.getReference().getProperty(Constants.SERVICE_ID);
      LogEntry logged = LogEntries.await(context, "the invalid service", entry ->
          entry.getMessage().contains("IpcMainListener service " + wrongId + " "));
      assertTrue(logged.getMessage(), logged.getMessage().endsWith(
          "is not wired: ipc.channel must be a String or String[], was java.lang.Integer"));
    } finally {
      wrongType.unregister();
      blank.unregister();
      good.unregister();
    }
  }

  @Test
  public void aHandlerServiceAnswersInvokeAndTheBestRankedWins() throws Exception {
    ServiceRegistration<IpcMainHandler> low = context.registerService(IpcMainHandler.class,
        (event, args) -> "low", ranked("wb-invoke", 1));
    ServiceRegistration<IpcMainHandler> high = context.registerService(IpcMainHandler.class,
        (event, args) -> "high", ranked("wb-invoke", 10));
    try {
      assertEquals("high", ipcRenderer.invoke("wb-invoke").getValue());
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> ipcMain.handle("wb-invoke", (event, args) -> "programmatic"));
      assertEquals("Attempted to register a second handler for 'wb-invoke'", refused.getMessage());

      high.unregister();
      assertEquals("low", ipcRenderer.invoke("wb-invoke").getValue());
      low.unregister();
      assertEquals("No handler registered for 'wb-invoke'",
          ipcRenderer.invoke("wb-invoke").getFailure().getMessage());
    } finally {
      unregisterQuietly(low);
      unregisterQuietly(high);
    }
  }

  @Test
  public void aWhiteboardHandlerWaitsForAProgrammaticHandlerToGo() throws Exception {
    ipcMain.handle("wb-wait", (event, args) -> "programmatic");
    ServiceRegistration<IpcMainHandler> waiting = context.registerService(IpcMainHandler.class,
        (event, args) -> "whiteboard", channel("wb-wait"));
    try {
      assertEquals("programmatic", ipcRenderer.invoke("wb-wait").getValue());
      ipcMain.removeHandler("wb-wait");
      assertEquals("whiteboard", ipcRenderer.invoke("wb-wait").getValue());
    } finally {
      waiting.unregister();
    }
  }

  @Test
  public void aRendererListenerServiceMakesItsBundleARenderer() throws Exception {
    Bundle rendererBundle = bundles.install("whiteboard-renderer");
    CompletableFuture<Object> received = new CompletableFuture<>();
    IpcRendererListener listener = (event, args) -> received.complete(
        args[0] + " to " + event.getSender().getId() + " on " + Thread.currentThread().getName());
    ServiceRegistration<IpcRendererListener> registration = rendererBundle.getBundleContext()
        .registerService(IpcRendererListener.class, listener, channel("wb-to-renderer"));

    WebContents contents = ipcMain.getAllWebContents().stream()
        .filter(candidate -> candidate.getBundle().equals(rendererBundle)).findFirst().orElseThrow();
    contents.send("wb-to-renderer", "hello");
    assertTrue(String.valueOf(received.get(5, TimeUnit.SECONDS)).startsWith(
        "hello to " + contents.getId() + " on ipcbus-renderers-"));

    registration.unregister();
    assertTrue("the renderer holds nothing more, so it is destroyed", contents.isDestroyed());
    assertTrue(ipcMain.fromId(contents.getId()).isEmpty());
  }

  private static Dictionary<String, Object> ranked(String channel, int ranking) {
    Dictionary<String, Object> properties = channel(channel);
    properties.put(Constants.SERVICE_RANKING, ranking);
    return properties;
  }

  private static void unregisterQuietly(ServiceRegistration<?> registration) {
    try {
      registration.unregister();
    } catch (IllegalStateException e) {
      // already unregistered by the test
    }
  }
}
