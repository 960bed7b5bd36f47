package org.ipcbus.impl.osgi;

import org.ipcbus.api.IpcMainListener;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.Role;
import org.osgi.framework.BundleContext;

/** Wires {@link IpcMainListener} whiteboard services in as {@code ipcMain.on}, where the policy lets them listen. */
final class MainListenerTracker extends WhiteboardTracker<IpcMainListener> {

  MainListenerTracker(BundleContext context, Bus bus) {
    super(context, IpcMainListener.class, bus);
  }

  @Override
  Role role() {
    return Role.LISTEN;
  }

  @Override
  void wireOn(WhiteboardService<IpcMainListener> tracked, String channel) {
    bus.mainListeners().add(channel, tracked.service(), false, tracked.reference(), tracked.actor());
  }

  @Override
  void unwireOn(WhiteboardService<IpcMainListener> tracked, String channel) {
    bus.mainListeners().removeAll(channel, owner -> owner == tracked.reference());
  }
}
