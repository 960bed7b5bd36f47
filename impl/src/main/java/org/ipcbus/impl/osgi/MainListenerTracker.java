package org.ipcbus.impl.osgi;

import org.ipcbus.api.IpcMainListener;
import org.ipcbus.impl.bus.Bus;
import org.osgi.framework.BundleContext;

/** Wires {@link IpcMainListener} whiteboard services in as {@code ipcMain.on}. */
final class MainListenerTracker extends WhiteboardTracker<IpcMainListener> {

  MainListenerTracker(BundleContext context, Bus bus) {
    super(context, IpcMainListener.class, bus);
  }

  @Override
  void wire(WhiteboardService<IpcMainListener> tracked) {
    for (String channel : tracked.channels()) {
      bus.mainListeners().add(channel, tracked.service(), false, tracked.reference());
    }
  }

  @Override
  void unwire(WhiteboardService<IpcMainListener> tracked) {
    for (String channel : tracked.channels()) {
      bus.mainListeners().removeAll(channel, owner -> owner == tracked.reference());
    }
  }
}
