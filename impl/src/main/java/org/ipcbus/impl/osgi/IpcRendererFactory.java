package org.ipcbus.impl.osgi;

import org.ipcbus.api.IpcRenderer;
import org.ipcbus.impl.bus.Bus;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * Gives each bundle the IpcRenderer of its own renderer: the framework passes the calling bundle,
 * which no bundle can fake, so a bundle can only ever send as itself.
 */
final class IpcRendererFactory implements ServiceFactory<IpcRenderer> {

  private final Bus bus;

  IpcRendererFactory(Bus bus) {
    this.bus = bus;
  }

  @Override
  public IpcRenderer getService(Bundle bundle, ServiceRegistration<IpcRenderer> registration) {
    return bus.renderers().acquire(bundle).client();
  }

  @Override
  public void ungetService(Bundle bundle, ServiceRegistration<IpcRenderer> registration,
      IpcRenderer service) {
    // Listeners added through the service go with it, even if whiteboard listeners keep the renderer.
    service.removeAllListeners();
    bus.renderers().release(bundle);
  }
}
