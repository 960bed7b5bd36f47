package org.ipcbus.impl.bus;

import java.util.function.Predicate;

import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.api.IpcMainListener;

/**
 * The listeners and handlers of one renderer's {@code webContents.ipc}: they see only that
 * renderer's messages, its listeners run before ipcMain's and its handler answers instead of
 * ipcMain's. Made on the first registration, so that a renderer without any costs nothing on the
 * dispatch path but one null check.
 */
public final class WebContentsIpc {

  private final ListenerList<IpcMainListener> listeners;
  private final HandlerRegistry handlers;

  WebContentsIpc(Bus bus) {
    this.listeners = new ListenerList<>(bus.changes());
    this.handlers = new HandlerRegistry(bus.changes(), bus.log());
  }

  /** @return the scoped listeners */
  public ListenerList<IpcMainListener> listeners() {
    return listeners;
  }

  /** @return the scoped handlers */
  public HandlerRegistry handlers() {
    return handlers;
  }

  /** Removes what the matching owners added. */
  void removeAll(Predicate<Object> owners) {
    listeners.removeAll(owners);
    handlers.removeAll(owners);
  }
}
