package org.ipcbus.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers {@link IpcRenderer#invoke invoke} calls on a channel; the handler of Electron's
 * {@code ipcMain.handle}.
 *
 * <p>Set it with {@link IpcMain#handle}, or register it as a whiteboard service with the service
 * property {@link IpcConstants#CHANNEL}. It runs on the main dispatch thread.
 */
@ConsumerType
@FunctionalInterface
public interface IpcMainHandler {

  /**
   * Answers one invoke.
   *
   * @param event the event: sender and channel
   * @param args the cloned arguments (plain data), never null
   * @return the reply: a value, an {@code org.osgi.util.promise.Promise} or a
   *     {@code java.util.concurrent.CompletionStage} whose value is the reply; it is cloned
   * @throws Exception anything; the invoke fails with an {@link IpcRemoteException} that keeps the
   *     type name and message
   */
  Object handle(Event event, Object... args) throws Exception;
}
