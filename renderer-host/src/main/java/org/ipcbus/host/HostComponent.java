package org.ipcbus.host;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.ipcbus.api.IpcRenderer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The renderer host: connects this process to main's bus and, while connected, gives the bundles of
 * this framework IpcRenderer (bundle-scoped, as in main's framework) and the IpcRendererListener
 * whiteboard. When main goes away, every call ends with IpcClosedException and, unless told to stay
 * ({@code ipcbus.host.on.disconnect=stay}), the framework stops, so that no renderer process
 * outlives its main.
 */
@Component(immediate = true)
public final class HostComponent {

  private final HostLog log = new HostLog(System.err);
  private HostConnection main;
  private RemoteRenderers renderers;
  private ServiceRegistration<IpcRenderer> registration;
  private RendererListenerTracker listeners;

  @Activate
  void activate(BundleContext context) throws IOException {
    HostSettings settings = HostSettings.read(context::getProperty, System::getenv);
    try {
      main = HostConnection.connect(settings, log, reason -> mainLost(context, settings, reason));
    } catch (IOException e) {
      // A renderer process that cannot reach main has nothing to do: it ends, and main sees why.
      log.error("cannot connect to main at " + settings.socket(), e);
      stopFramework(context);
      throw e;
    }
    renderers = new RemoteRenderers(main);
    main.receiveWith(renderers);
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(Constants.SERVICE_DESCRIPTION, "ipcbus: Electron's ipcRenderer, one per bundle, "
        + "in renderer process '" + settings.name() + "'");
    properties.put(Constants.SERVICE_VENDOR, "ipcbus");
    registration = context.registerService(IpcRenderer.class, new RemoteRendererFactory(renderers), properties);
    listeners = new RendererListenerTracker(context, renderers, log);
    listeners.open();
  }

  @Deactivate
  void deactivate() {
    listeners.close();
    registration.unregister();
    main.close("the renderer host stopped");
  }

  /** Main went away: end every renderer now, then stop this framework unless told to stay. */
  private void mainLost(BundleContext context, HostSettings settings, String reason) {
    renderers.destroyAll("main is gone: " + reason);
    if (settings.exitOnDisconnect()) {
      log.warn("main is gone (" + reason + "); this renderer process stops");
      stopFramework(context);
    }
  }

  /**
   * Stops this framework, and with it the process. Not on the calling thread: stopping deactivates
   * this component, which closes the connection and may wait for the thread that called.
   */
  private void stopFramework(BundleContext context) {
    Thread stopper = new Thread(() -> {
      try {
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).stop();
      } catch (BundleException | IllegalStateException e) {
        log.error("could not stop the framework", e);
        System.exit(1);
      }
    }, "ipcbus-host-exit");
    stopper.start();
  }
}
