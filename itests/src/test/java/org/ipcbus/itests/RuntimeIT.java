package org.ipcbus.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.inject.Inject;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.api.MessageChannelMain;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.api.runtime.ChannelDTO;
import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.api.runtime.IpcRuntime;
import org.ipcbus.api.runtime.ListenerDTO;
import org.ipcbus.api.runtime.PortDTO;
import org.ipcbus.api.runtime.RendererDTO;
import org.ipcbus.api.runtime.RuntimeDTO;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** The IpcRuntime service describes the bus after each kind of change. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeIT extends IpcBusTestSupport {

  @Inject
  private IpcRuntime runtime;

  private static Dictionary<String, Object> properties(Object channels, Object... more) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(IpcConstants.CHANNEL, channels);
    for (int i = 0; i < more.length; i += 2) {
      properties.put((String) more[i], more[i + 1]);
    }
    return properties;
  }

  private FailedServiceDTO[] failedServices(ServiceRegistration<?> registration) {
    return failedServices(serviceId(registration));
  }

  private FailedServiceDTO[] failedServices(long serviceId) {
    return Arrays.stream(runtime.getRuntimeDTO().failedServices).filter(dto -> dto.serviceId == serviceId)
        .toArray(FailedServiceDTO[]::new);
  }

  private static long serviceId(ServiceRegistration<?> registration) {
    return (Long) registration.getReference().getProperty(Constants.SERVICE_ID);
  }

  private long changeCount() {
    ServiceReference<IpcRuntime> reference = context.getServiceReference(IpcRuntime.class);
    return (Long) reference.getProperty(Constants.SERVICE_CHANGECOUNT);
  }

  private void awaitChangeCountAbove(long before) {
    Await.until("service.changecount grows past " + before, () -> changeCount() > before);
  }

  @Test
  public void theRuntimeDescribesItsOwnService() {
    RuntimeDTO dto = runtime.getRuntimeDTO();
    assertNotNull(dto.serviceDTO);
    assertEquals(context.getServiceReference(IpcRuntime.class).getProperty(Constants.SERVICE_ID),
        dto.serviceDTO.id);
    assertTrue(dto.serviceDTO.properties.containsKey(Constants.SERVICE_CHANGECOUNT));
  }

  @Test
  public void aListenerServiceShowsOnItsChannelsUntilUnregistered() {
    Bundle owner = bundles.install("listener-owner");
    long before = changeCount();
    ServiceRegistration<IpcMainListener> registration = owner.getBundleContext().registerService(
        IpcMainListener.class, (event, args) -> { }, properties(new String[] {"rt-a", "rt-b"}));
    awaitChangeCountAbove(before);
    for (String name : new String[] {"rt-a", "rt-b"}) {
      ListenerDTO[] listeners = RuntimeState.channel(runtime, name).listeners;
      assertEquals(1, listeners.length);
      assertEquals(serviceId(registration), listeners[0].serviceId);
      assertEquals(owner.getBundleId(), listeners[0].bundleId);
      assertEquals(false, listeners[0].once);
    }

    long wired = changeCount();
    registration.unregister();
    awaitChangeCountAbove(wired);
    assertTrue(RuntimeState.findChannel(runtime, "rt-a").isEmpty());
    assertTrue(RuntimeState.findChannel(runtime, "rt-b").isEmpty());
  }

  @Test
  public void listenersAndHandlersAddedThroughIpcMainShowTheirBundle() {
    Bundle owner = bundles.install("ipcmain-user");
    IpcMain main = RendererBundles.mainOf(owner);
    IpcMainListener listener = (event, args) -> { };
    main.once("rt-once", listener);
    main.handleOnce("rt-handled", (event, args) -> "done");

    ListenerDTO once = RuntimeState.channel(runtime, "rt-once").listeners[0];
    assertEquals(-1, once.serviceId);
    assertEquals(owner.getBundleId(), once.bundleId);
    assertTrue(once.once);
    ListenerDTO handler = RuntimeState.channel(runtime, "rt-handled").handler;
    assertEquals(owner.getBundleId(), handler.bundleId);
    assertTrue(handler.once);

    main.removeListener("rt-once", listener);
    main.removeHandler("rt-handled");
    assertTrue(RuntimeState.findChannel(runtime, "rt-once").isEmpty());
    assertTrue(RuntimeState.findChannel(runtime, "rt-handled").isEmpty());
  }

  @Test
  public void aShadowedHandlerServiceIsFailedUntilTheWinnerGoes() throws Exception {
    ServiceRegistration<IpcMainHandler> winner = context.registerService(IpcMainHandler.class,
        (event, args) -> "winner", properties("rt-handler", Constants.SERVICE_RANKING, 10));
    ServiceRegistration<IpcMainHandler> shadowed = context.registerService(IpcMainHandler.class,
        (event, args) -> "shadowed", properties("rt-handler"));
    try {
      assertEquals(serviceId(winner), RuntimeState.channel(runtime, "rt-handler").handler.serviceId);
      FailedServiceDTO[] failed = failedServices(shadowed);
      assertEquals(1, failed.length);
      assertEquals(DTOConstants.FAILURE_REASON_SHADOWED, failed[0].failureReason);
      assertArrayEquals(new String[] {"rt-handler"}, failed[0].channels);
      assertEquals(IpcMainHandler.class.getName(), failed[0].serviceType);
      assertEquals(context.getBundle().getBundleId(), failed[0].bundleId);

      winner.unregister();
      assertEquals("shadowed", ipcRenderer.invoke("rt-handler").getValue());
      assertEquals(serviceId(shadowed), RuntimeState.channel(runtime, "rt-handler").handler.serviceId);
      assertEquals(0, failedServices(shadowed).length);
    } finally {
      shadowed.unregister();
    }
  }

  @Test
  public void aServiceWithAnInvalidChannelIsFailedAndLogged() {
    long before = changeCount();
    ServiceRegistration<IpcMainListener> registration = context.registerService(IpcMainListener.class,
        (event, args) -> { }, properties(42));
    long serviceId = serviceId(registration);
    try {
      awaitChangeCountAbove(before);
      FailedServiceDTO[] failed = failedServices(registration);
      assertEquals(1, failed.length);
      assertEquals(DTOConstants.FAILURE_REASON_INVALID_CHANNEL, failed[0].failureReason);
      assertEquals("ipc.channel must be a String or String[], was java.lang.Integer", failed[0].failureMessage);
      assertEquals(0, failed[0].channels.length);
      LogEntries.await(context, "the invalid channel", entry -> entry.getMessage().contains(
          "service " + serviceId(registration) + " ") && entry.getMessage().contains("java.lang.Integer"));

      registration.setProperties(properties("rt-repaired"));
      assertEquals(0, failedServices(registration).length);
      assertEquals(1, RuntimeState.channel(runtime, "rt-repaired").listeners.length);
    } finally {
      registration.unregister();
    }
    assertEquals(0, failedServices(serviceId).length);
  }

  @Test
  public void aServiceThatCannotBeGotIsFailed() {
    ServiceRegistration<?> registration = context.registerService(IpcRendererListener.class.getName(),
        new ServiceFactory<IpcRendererListener>() {
          @Override
          public IpcRendererListener getService(Bundle bundle, ServiceRegistration<IpcRendererListener> reg) {
            return null;
          }

          @Override
          public void ungetService(Bundle bundle, ServiceRegistration<IpcRendererListener> reg,
              IpcRendererListener service) {
          }
        }, properties("rt-nothing"));
    try {
      FailedServiceDTO[] failed = failedServices(registration);
      assertEquals(1, failed.length);
      assertEquals(DTOConstants.FAILURE_REASON_SERVICE_NOT_GETTABLE, failed[0].failureReason);
      assertArrayEquals(new String[] {"rt-nothing"}, failed[0].channels);
      assertEquals(IpcRendererListener.class.getName(), failed[0].serviceType);
    } finally {
      registration.unregister();
    }
  }

  @Test
  public void aRendererShowsItsBundleCountersAndListenersUntilItsBundleStops() throws Exception {
    ipcMain.handle("rt-count", (event, args) -> {
      event.getSender().send("rt-back", "hello");
      return null;
    });
    Bundle bundle = bundles.install("counted");
    long startedAt = System.currentTimeMillis();
    IpcRenderer renderer = RendererBundles.rendererOf(bundle);
    renderer.on("rt-back", (event, args) -> { });
    renderer.send("rt-count-send");
    renderer.sendSync("rt-count-sync");
    renderer.invoke("rt-count").getValue();
    Await.until("the reply reached the renderer",
        () -> RuntimeState.findRenderer(runtime, renderer.getId()).orElseThrow().messagesReceived == 1);

    RendererDTO dto = RuntimeState.findRenderer(runtime, renderer.getId()).orElseThrow();
    assertEquals(bundle.getBundleId(), dto.bundleId);
    assertEquals(bundle.getSymbolicName(), dto.bundleSymbolicName);
    assertTrue(dto.created <= startedAt + 1000 && dto.created > startedAt - 60_000);
    assertEquals(3, dto.messagesSent);
    assertEquals(0, dto.pendingSendSync);
    assertEquals(0, dto.pendingInvoke);
    assertArrayEquals(new String[] {"rt-back"}, dto.channels);

    long before = changeCount();
    bundle.stop();
    awaitChangeCountAbove(before);
    assertTrue(RuntimeState.findRenderer(runtime, renderer.getId()).isEmpty());
    ipcMain.removeHandler("rt-count");
  }

  @Test
  public void aPendingInvokeIsShownWhileItWaits() throws Exception {
    org.osgi.util.promise.Deferred<Object> answer = new org.osgi.util.promise.Deferred<>();
    ipcMain.handle("rt-pending", (event, args) -> answer.getPromise());
    try {
      org.osgi.util.promise.Promise<Object> call = ipcRenderer.invoke("rt-pending");
      Await.until("the invoke is pending", () -> RuntimeState.findRenderer(runtime, ipcRenderer.getId()).orElseThrow().pendingInvoke == 1);
      answer.resolve("late");
      assertEquals("late", call.getValue());
      assertEquals(0, RuntimeState.findRenderer(runtime, ipcRenderer.getId()).orElseThrow().pendingInvoke);
    } finally {
      ipcMain.removeHandler("rt-pending");
    }
  }

  @Test
  public void messagesAndErrorsAreCountedPerChannel() {
    ipcMain.on("rt-errors", (event, args) -> {
      throw new IllegalStateException("always");
    });
    ipcRenderer.send("rt-errors");
    assertThrows(IpcRemoteException.class, () -> ipcRenderer.sendSync("rt-errors"));
    ipcRenderer.sendSync("rt-quiet");

    ChannelDTO errors = RuntimeState.channel(runtime, "rt-errors");
    assertEquals(2, errors.messages);
    assertEquals(2, errors.errors);
    assertEquals("java.lang.IllegalStateException: always", errors.lastError);
    ChannelDTO quiet = RuntimeState.channel(runtime, "rt-quiet");
    assertEquals(1, quiet.messages);
    assertEquals(0, quiet.errors);
    assertNull(quiet.lastError);
    assertEquals(0, quiet.listeners.length);
  }

  @Test
  public void theSlowListenerThresholdChangesAtRuntime() throws Exception {
    ipcMain.on("rt-slow", (event, args) -> Thread.sleep(150));
    try {
      ipcRenderer.sendSync("rt-slow");
      assertEquals(0, RuntimeState.channel(runtime, "rt-slow").slowDeliveries);

      BusConfiguration.apply(context, Map.of("slow.listener.ms", 100L));
      ipcRenderer.sendSync("rt-slow");
      assertEquals(1, RuntimeState.channel(runtime, "rt-slow").slowDeliveries);
      LogEntries.await(context, "the slow listener", entry ->
          entry.getMessage().contains("channel 'rt-slow'") && entry.getMessage().contains("threshold 100 ms"));
    } finally {
      BusConfiguration.reset(context);
    }
  }

  @Test
  public void portsAndScopedListenersAreShown() throws Exception {
    Bundle bundle = bundles.install("runtime-ports");
    IpcRenderer renderer = RendererBundles.rendererOf(bundle);
    java.util.concurrent.CompletableFuture<MessagePortMain> received = new java.util.concurrent.CompletableFuture<>();
    renderer.on("rt-port", (event, args) -> received.complete(event.getPorts().get(0)));
    MessageChannelMain channel = ipcMain.newMessageChannel();
    ipcMain.fromId(renderer.getId()).orElseThrow().postMessage("rt-port", null, channel.getPort1());
    received.get(10, java.util.concurrent.TimeUnit.SECONDS).start();
    ipcMain.fromId(renderer.getId()).orElseThrow().ipc().on("rt-scoped", (event, args) -> {});

    RuntimeDTO dto = runtime.getRuntimeDTO();
    PortDTO[] ports = Arrays.stream(dto.ports).filter(port -> port.channelId == dto.ports[dto.ports.length - 1].channelId)
        .toArray(PortDTO[]::new);
    assertEquals(2, ports.length);
    assertEquals(1, ports[0].port);
    assertEquals(renderer.getId(), ports[0].webContentsId);
    assertTrue(ports[0].holder, ports[0].holder.startsWith("WebContents " + renderer.getId()));
    assertTrue(ports[0].started);
    assertEquals(0, ports[1].webContentsId);
    assertTrue(ports[1].holder, ports[1].holder.startsWith("main ("));
    RendererDTO rendererDTO = Arrays.stream(dto.renderers).filter(r -> r.id == renderer.getId()).findFirst().orElseThrow();
    assertEquals(1, rendererDTO.ipc.length);
    assertEquals("rt-scoped", rendererDTO.ipc[0].name);
    assertEquals(context.getBundle().getBundleId(), rendererDTO.ipc[0].listeners[0].bundleId);

    channel.getPort2().close();
    bundle.stop();
    long channelId = ports[0].channelId;
    assertTrue(Arrays.stream(runtime.getRuntimeDTO().ports).noneMatch(port -> port.channelId == channelId));
  }
}
