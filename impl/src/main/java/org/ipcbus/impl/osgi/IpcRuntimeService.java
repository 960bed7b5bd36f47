package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.ipcbus.api.runtime.ChannelDTO;
import org.ipcbus.api.runtime.DeniedRegistrationDTO;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.api.runtime.IpcRuntime;
import org.ipcbus.api.runtime.ListenerDTO;
import org.ipcbus.api.runtime.PortDTO;
import org.ipcbus.api.runtime.ProcessDTO;
import org.ipcbus.api.runtime.RendererDTO;
import org.ipcbus.api.runtime.RuntimeDTO;
import org.ipcbus.impl.bus.Actor;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.ChannelStats;
import org.ipcbus.impl.bus.Interceptors;
import org.ipcbus.impl.bus.ListenerEntry;
import org.ipcbus.impl.bus.MainClient;
import org.ipcbus.impl.bus.RemoteOrigin;
import org.ipcbus.impl.bus.Renderer;
import org.ipcbus.impl.bus.RendererClient;
import org.ipcbus.impl.bus.WebContentsIpc;
import org.ipcbus.impl.port.PortEnd;
import org.ipcbus.impl.port.PortHolder;
import org.ipcbus.impl.process.ProcessSnapshot;
import org.ipcbus.impl.process.RendererProcesses;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.dto.ServiceReferenceDTO;

/** The IpcRuntime service: snapshots of the bus and of the whiteboard trackers as DTOs. */
final class IpcRuntimeService implements IpcRuntime {

  private final Bus bus;
  private final List<WhiteboardTracker<?>> trackers;
  private final InterceptorTracker interceptors;
  private final RendererProcesses processes;
  private volatile ServiceReference<IpcRuntime> reference;

  IpcRuntimeService(Bus bus, List<WhiteboardTracker<?>> trackers, InterceptorTracker interceptors,
      RendererProcesses processes) {
    this.bus = bus;
    this.trackers = trackers;
    this.interceptors = interceptors;
    this.processes = processes;
  }

  /** Sets the registration this service describes itself by in {@link RuntimeDTO#serviceDTO}. */
  void registeredAs(ServiceReference<IpcRuntime> registered) {
    this.reference = registered;
  }

  @Override
  public RuntimeDTO getRuntimeDTO() {
    RuntimeDTO dto = new RuntimeDTO();
    ServiceReference<IpcRuntime> registered = reference;
    dto.serviceDTO = registered == null ? null : registered.adapt(ServiceReferenceDTO.class);
    DeniedRegistrations denied = new DeniedRegistrations(trackers);
    Map<Long, Interceptors.Entry> interceptorEntries = new TreeMap<>();
    interceptors.entries().forEach((service, entry) ->
        interceptorEntries.put((Long) service.getProperty(Constants.SERVICE_ID), entry));
    List<FailedServiceDTO> failed = new ArrayList<>();
    trackers.forEach(tracker -> failed.addAll(tracker.failedServices()));
    List<FailedServiceDTO> failedInterceptors = interceptors.failedServices();
    failed.addAll(failedInterceptors);
    SortedSet<String> channels = channels();
    channels.addAll(denied.channels());
    failedInterceptors.forEach(interceptor -> channels.addAll(List.of(interceptor.channels)));
    dto.channels = channels.stream().map(name -> channel(name, denied.of(name, bus, interceptorEntries)))
        .toArray(ChannelDTO[]::new);
    dto.renderers = bus.renderers().renderers().stream().map(IpcRuntimeService::renderer)
        .toArray(RendererDTO[]::new);
    dto.failedServices = failed.toArray(FailedServiceDTO[]::new);
    dto.ports = ports();
    dto.processes = processes.all().stream().map(process -> process(process.snapshot()))
        .toArray(ProcessDTO[]::new);
    return dto;
  }

  /** Main's own, each main bundle's, each renderer's, then main's ends of the ports of renderer processes; by channel and port. */
  private PortDTO[] ports() {
    List<PortHolder> holders = new ArrayList<>();
    holders.add(bus.mainPorts());
    bus.mainClients().forEach(client -> holders.add(client.ports()));
    bus.renderers().renderers().forEach(renderer -> holders.add(renderer.ports()));
    processes.all().stream().map(process -> process.ports()).filter(java.util.Objects::nonNull)
        .forEach(holders::add);
    List<PortDTO> ports = new ArrayList<>();
    for (PortHolder holder : holders) {
      for (PortEnd end : holder.ports()) {
        PortDTO dto = new PortDTO();
        dto.channelId = end.pair().id();
        dto.port = end.portNumber();
        dto.webContentsId = holder.webContentsId();
        dto.holder = holder.name();
        dto.started = end.started();
        dto.queued = end.queued();
        ports.add(dto);
      }
    }
    ports.sort(Comparator.comparingLong((PortDTO port) -> port.channelId).thenComparingInt(port -> port.port));
    return ports.toArray(PortDTO[]::new);
  }

  private static ProcessDTO process(ProcessSnapshot snapshot) {
    ProcessDTO dto = new ProcessDTO();
    dto.name = snapshot.name();
    dto.pid = snapshot.pid();
    dto.state = snapshot.state().name();
    dto.restarts = snapshot.restarts();
    dto.recentCrashes = snapshot.recentCrashes();
    dto.lastExitReason = snapshot.lastExitReason();
    dto.lastExitCode = snapshot.lastExitCode();
    dto.started = snapshot.started();
    dto.renderers = snapshot.renderers().stream().mapToLong(Long::longValue).toArray();
    return dto;
  }

  private SortedSet<String> channels() {
    SortedSet<String> channels = new TreeSet<>(bus.mainListeners().channels());
    channels.addAll(bus.handlers().channels());
    bus.channelCounters().channels().forEach(channels::add);
    return channels;
  }

  private ChannelDTO channel(String name, DeniedRegistrationDTO[] denied) {
    ChannelDTO dto = new ChannelDTO();
    dto.name = name;
    // A suspended listener or handler is not one: it is listed among the denied registrations.
    dto.listeners = Arrays.stream(bus.mainListeners().get(name)).filter(entry -> entry.denial() == null)
        .map(entry -> listener(entry.owner(), entry.once())).toArray(ListenerDTO[]::new);
    ListenerEntry<?> handler = bus.handlers().get(name);
    dto.handler = handler == null || handler.denial() != null ? null : listener(handler.owner(), handler.once());
    dto.deniedRegistrations = denied;
    ChannelStats stats = bus.channelCounters().get(name);
    if (stats != null) {
      dto.messages = stats.messages();
      dto.errors = stats.errors();
      dto.lastError = stats.lastError();
      dto.slowDeliveries = stats.slowDeliveries();
      dto.denied = stats.denied();
    }
    return dto;
  }

  private static ListenerDTO listener(Object owner, boolean once) {
    ListenerDTO dto = new ListenerDTO();
    dto.once = once;
    dto.serviceId = -1;
    Bundle bundle = null;
    if (owner instanceof ServiceReference<?> service) {
      dto.serviceId = (Long) service.getProperty(Constants.SERVICE_ID);
      bundle = service.getBundle();
    } else if (owner instanceof MainClient client) {
      bundle = client.bundle();
    } else if (owner instanceof RendererClient client) {
      bundle = client.renderer().getBundle();
    }
    dto.bundleId = bundle == null ? -1 : bundle.getBundleId();
    return dto;
  }

  private static RendererDTO renderer(Renderer renderer) {
    RendererDTO dto = new RendererDTO();
    dto.id = renderer.getId();
    RemoteOrigin origin = renderer.origin();
    dto.bundleId = origin == null ? renderer.getBundle().getBundleId() : origin.bundleId();
    dto.bundleSymbolicName = renderer.symbolicName();
    dto.processName = origin == null ? null : origin.processName();
    dto.pid = renderer.getOSProcessId();
    dto.created = renderer.created();
    dto.messagesSent = renderer.messagesSent();
    dto.messagesReceived = renderer.messagesReceived();
    dto.pendingSendSync = renderer.pendingSendSync();
    dto.pendingInvoke = renderer.pendingInvoke();
    dto.channels = new TreeSet<>(renderer.listeners().channels()).toArray(String[]::new);
    dto.ipc = scoped(renderer.scopedIpc());
    return dto;
  }

  /** The channels of a renderer's webContents.ipc: its listeners and handler, by the bundles that added them. */
  private static ChannelDTO[] scoped(WebContentsIpc ipc) {
    if (ipc == null) {
      return new ChannelDTO[0];
    }
    SortedSet<String> names = new TreeSet<>(ipc.listeners().channels());
    names.addAll(ipc.handlers().channels());
    List<ChannelDTO> channels = new ArrayList<>();
    for (String name : names) {
      ChannelDTO dto = new ChannelDTO();
      dto.name = name;
      dto.listeners = Arrays.stream(ipc.listeners().get(name)).filter(entry -> entry.denial() == null)
          .map(entry -> scopedListener(entry.actor(), entry.once())).toArray(ListenerDTO[]::new);
      ListenerEntry<?> handler = ipc.handlers().get(name);
      dto.handler = handler == null || handler.denial() != null ? null : scopedListener(handler.actor(), handler.once());
      dto.deniedRegistrations = new DeniedRegistrationDTO[0];
      if (dto.listeners.length > 0 || dto.handler != null) {
        channels.add(dto);
      }
    }
    return channels.toArray(ChannelDTO[]::new);
  }

  private static ListenerDTO scopedListener(Actor actor, boolean once) {
    ListenerDTO dto = new ListenerDTO();
    dto.once = once;
    dto.serviceId = -1;
    dto.bundleId = actor == null || actor.bundle() == null ? -1 : actor.bundle().getBundleId();
    return dto;
  }
}
