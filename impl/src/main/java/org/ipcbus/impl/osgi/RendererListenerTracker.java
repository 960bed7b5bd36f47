package org.ipcbus.impl.osgi;

import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.Role;
import org.osgi.framework.BundleContext;

/**
 * Wires {@link IpcRendererListener} whiteboard services in as {@code ipcRenderer.on} of their
 * bundle's renderer; each such service holds that renderer alive. What reaches a renderer is
 * decided on main's side (main-send rules), so the access policy has no role for these.
 */
final class RendererListenerTracker extends WhiteboardTracker<IpcRendererListener> {

  RendererListenerTracker(BundleContext context, Bus bus) {
    super(context, IpcRendererListener.class, bus);
  }

  @Override
  Role role() {
    return null;
  }

  @Override
  void wire(WhiteboardService<IpcRendererListener> tracked) {
    bus.renderers().acquire(tracked.bundle());
    super.wire(tracked);
  }

  @Override
  void wireOn(WhiteboardService<IpcRendererListener> tracked, String channel) {
    bus.renderers().find(tracked.bundle()).orElseThrow().listeners()
        .add(channel, tracked.service(), false, tracked.reference());
  }

  @Override
  void unwire(WhiteboardService<IpcRendererListener> tracked) {
    super.unwire(tracked);
    bus.renderers().release(tracked.bundle());
  }

  @Override
  void unwireOn(WhiteboardService<IpcRendererListener> tracked, String channel) {
    bus.renderers().find(tracked.bundle()).ifPresent(renderer ->
        renderer.listeners().removeAll(channel, owner -> owner == tracked.reference()));
  }
}
