package org.ipcbus.impl.osgi;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.runtime.IpcRuntime;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.BusConfig;
import org.ipcbus.impl.process.RendererProcesses;
import org.ipcbus.impl.clone.CloneLimits;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The ipcbus component: creates the bus, tracks the whiteboard, and registers IpcMain and
 * IpcRenderer as bundle-scoped services (service factories), which is how each renderer bundle gets
 * an IpcRenderer bound to itself. The services are registered by hand rather than by DS because
 * they must be created from the one bus this component owns.
 */
@Component(immediate = true, configurationPid = IpcBusConfiguration.PID)
@Designate(ocd = IpcBusConfiguration.class)
public final class IpcBusComponent {

  @Reference(service = LoggerFactory.class)
  private Logger logger;
  /** This bundle's own policy component; the target keeps any other service of the name out. */
  @Reference(target = "(component.name=org.ipcbus.impl.osgi.AccessPolicyComponent)")
  private AccessPolicyComponent accessPolicy;

  private Bus bus;
  private RendererProcesses processes;
  private List<WhiteboardTracker<?>> trackers;
  private InterceptorTracker interceptors;
  private WebContentsListenerTracker webContentsListeners;
  private List<ServiceRegistration<?>> registrations;

  @Activate
  void activate(BundleContext context, IpcBusConfiguration configuration) {
    BusConfig initial;
    try {
      initial = toBusConfig(configuration);
    } catch (IllegalArgumentException e) {
      // A bad setting must not take the whole bus down: start with the defaults and say why.
      logger.error("Configuration " + IpcBusConfiguration.PID + " is invalid, the defaults apply: "
          + e.getMessage());
      initial = BusConfig.DEFAULTS;
    }
    bus = new Bus(initial, new OsgiLog(logger));
    processes = new RendererProcesses(bus, context.getBundle(), bus.log());
    accessPolicy.follow(bus::accessPolicy);
    // Interceptors first: no message may pass before they are in place.
    interceptors = new InterceptorTracker(context, bus);
    interceptors.open();
    webContentsListeners = new WebContentsListenerTracker(context, bus.webContentsEvents());
    webContentsListeners.open();
    trackers = List.of(new MainListenerTracker(context, bus), new HandlerTracker(context, bus),
        new RendererListenerTracker(context, bus));
    trackers.forEach(ServiceTracker::open);
    IpcRuntimeService runtime = new IpcRuntimeService(bus, trackers, interceptors, processes);
    ServiceRegistration<IpcRuntime> runtimeRegistration = context.registerService(IpcRuntime.class,
        runtime, RuntimeProperties.of(bus, bus.changes().get()));
    runtime.registeredAs(runtimeRegistration.getReference());
    bus.changes().observe(count -> publish(runtimeRegistration, count));
    registrations = List.of(
        register(context, IpcMain.class, new IpcMainFactory(bus), "Electron's ipcMain"),
        register(context, IpcRenderer.class, new IpcRendererFactory(bus), "Electron's ipcRenderer, one per bundle"),
        // private to this bundle: what RendererProcessComponent launches its processes with
        context.registerService(RendererProcesses.class, processes, described("renderer processes")),
        // private to this bundle: what ipc:policy prints
        context.registerService(PolicyReport.class, new PolicyReport(bus, trackers, interceptors),
            described("access policy report")),
        runtimeRegistration);
  }

  /** A new configuration applies at once, without restarting the bus or losing a message. */
  @Modified
  void modified(IpcBusConfiguration configuration) {
    try {
      bus.reconfigure(toBusConfig(configuration));
    } catch (IllegalArgumentException e) {
      logger.error("Configuration " + IpcBusConfiguration.PID + " is invalid and was not applied: "
          + e.getMessage());
    }
  }

  @Deactivate
  void deactivate() {
    accessPolicy.follow(null);
    // No renderer process outlives the bus: stop them before its renderers are destroyed.
    processes.close();
    // Close the bus first, so that calls waiting for main end now with IpcClosedException
    // instead of holding up the deactivation of the components that made them.
    bus.close();
    registrations.forEach(ServiceRegistration::unregister);
    trackers.forEach(ServiceTracker::close);
    interceptors.close();
    webContentsListeners.close();
  }

  private static BusConfig toBusConfig(IpcBusConfiguration configuration) {
    return new BusConfig(configuration.sync_timeout_ms(), configuration.invoke_timeout_ms(),
        configuration.queue_capacity(), configuration.queue_bytes(),
        new CloneLimits(configuration.max_depth(), configuration.max_message_bytes()),
        configuration.slow_listener_ms(), configuration.handoff_ms());
  }

  /** Updates service.changecount and the settings on the runtime service, as the HTTP Whiteboard runtime does. */
  private void publish(ServiceRegistration<IpcRuntime> registration, long count) {
    try {
      registration.setProperties(RuntimeProperties.of(bus, count));
    } catch (IllegalStateException e) {
      // Unregistered while the update was pending: ipcbus is stopping.
    }
  }

  private static <S> ServiceRegistration<S> register(BundleContext context, Class<S> type,
      ServiceFactory<S> factory, String description) {
    return context.registerService(type, factory, described(description));
  }

  /** @return the description and vendor properties every ipcbus service carries */
  static Dictionary<String, Object> described(String description) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(Constants.SERVICE_DESCRIPTION, "ipcbus: " + description);
    properties.put(Constants.SERVICE_VENDOR, "ipcbus");
    return properties;
  }
}
