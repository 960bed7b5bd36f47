package org.ipcbus.impl.osgi;

import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.Renderer;
import org.osgi.framework.BundleContext;

/**
 * Wires {@link IpcRendererListener} whiteboard services in as {@code ipcRenderer.on} of their
 * bundle's renderer; each such service holds that renderer alive.
 */
final class RendererListenerTracker extends WhiteboardTracker<IpcRendererListener> {

  RendererListenerTracker(BundleContext context, Bus bus) {
    super(context, IpcRendererListener.class, bus);
  }

  @Override
  void wire(WhiteboardService<IpcRendererListener> tracked) {
    Renderer renderer = bus.renderers().acquire(tracked.bundle());
    for (String channel : tracked.channels()) {
      renderer.listeners().add(channel, tracked.service(), false, tracked.reference());
    }
  }

  @Override
  void unwire(WhiteboardService<IpcRendererListener> tracked) {
    bus.renderers().find(tracked.bundle()).ifPresent(renderer ->
        renderer.listeners().removeAll(owner -> owner == tracked.reference()));
    bus.renderers().release(tracked.bundle());
  }
}
