package org.ipcbus.host;

import org.ipcbus.api.IpcRenderer;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * Gives each bundle of this process the IpcRenderer of its own renderer, as main's framework does:
 * the framework names the calling bundle, which no bundle can fake.
 */
final class RemoteRendererFactory implements ServiceFactory<IpcRenderer> {

  private final RemoteRenderers renderers;

  RemoteRendererFactory(RemoteRenderers renderers) {
    this.renderers = renderers;
  }

  @Override
  public IpcRenderer getService(Bundle bundle, ServiceRegistration<IpcRenderer> registration) {
    return renderers.acquire(bundle);
  }

  @Override
  public void ungetService(Bundle bundle, ServiceRegistration<IpcRenderer> registration,
      IpcRenderer service) {
    // Listeners added through the service go with it, even if whiteboard listeners keep the renderer.
    service.removeAllListeners();
    renderers.release(bundle);
  }
}
