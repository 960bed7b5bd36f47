package org.ipcbus.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives messages a renderer sent to main; the listener of Electron's {@code ipcMain.on}.
 *
 * <p>Add it with {@link IpcMain#on}, or register it as a whiteboard service with the service
 * property {@link IpcConstants#CHANNEL}. It runs on the main dispatch thread.
 */
@ConsumerType
@FunctionalInterface
public interface IpcMainListener {

  /**
   * Called for each message on the channel.
   *
   * @param event the event: sender, channel and, for {@link IpcRenderer#sendSync sendSync}, the
   *     return value to set
   * @param args the cloned arguments (plain data), never null
   * @throws Exception anything; it is logged, other listeners still run, and a waiting
   *     {@code sendSync} caller gets an {@link IpcRemoteException}
   */
  void onMessage(Event event, Object... args) throws Exception;
}
