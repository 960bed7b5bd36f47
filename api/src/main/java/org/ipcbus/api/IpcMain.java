package org.ipcbus.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The main process side of the bus; Electron's {@code ipcMain}.
 *
 * <p>All listeners and handlers run on one main dispatch thread, one message at a time, so they need
 * no locks. Listeners of a channel run in the order they were added. Listeners and handlers that a
 * bundle adds through this service are removed when that bundle stops using it (for example when it
 * stops), so a stopped bundle never leaks a listener.
 *
 * <p>A channel is a non-blank string. Methods taking a channel throw {@link IllegalArgumentException}
 * for a null or blank channel and {@link NullPointerException} for a null listener or handler; the
 * message names the parameter.
 */
@ProviderType
public interface IpcMain {

  /**
   * Adds a listener for messages that renderers {@link IpcRenderer#send send} or
   * {@link IpcRenderer#sendSync sendSync} on a channel; Electron's {@code ipcMain.on}. Adding the
   * same listener twice makes it run twice, as in Electron.
   *
   * @param channel the channel
   * @param listener the listener
   * @return this, for chaining
   */
  IpcMain on(String channel, IpcMainListener listener);

  /**
   * Adds a listener that runs for the next message on a channel only; Electron's
   * {@code ipcMain.once}. It is removed before it runs.
   *
   * @param channel the channel
   * @param listener the listener
   * @return this, for chaining
   */
  IpcMain once(String channel, IpcMainListener listener);

  /**
   * Removes one registration of a listener (by identity) from a channel; Electron's
   * {@code ipcMain.removeListener}. A listener that is not registered is ignored. Once this method
   * returns, the listener is not called for any later message.
   *
   * @param channel the channel
   * @param listener the listener
   * @return this, for chaining
   */
  IpcMain removeListener(String channel, IpcMainListener listener);

  /**
   * Removes every listener added with {@link #on} or {@link #once} on a channel; Electron's
   * {@code ipcMain.removeAllListeners(channel)}. Whiteboard listeners stay: they belong to their
   * service registration.
   *
   * @param channel the channel
   * @return this, for chaining
   */
  IpcMain removeAllListeners(String channel);

  /**
   * Removes every listener added with {@link #on} or {@link #once} on every channel; Electron's
   * {@code ipcMain.removeAllListeners()}. Whiteboard listeners stay.
   *
   * @return this, for chaining
   */
  IpcMain removeAllListeners();

  /**
   * Sets the handler that answers {@link IpcRenderer#invoke invoke} on a channel; Electron's
   * {@code ipcMain.handle}. A channel has at most one handler.
   *
   * @param channel the channel
   * @param handler the handler
   * @throws IllegalStateException if the channel already has a handler
   */
  void handle(String channel, IpcMainHandler handler);

  /**
   * Sets a handler that answers the next {@link IpcRenderer#invoke invoke} on a channel only;
   * Electron's {@code ipcMain.handleOnce}. It is removed before it runs.
   *
   * @param channel the channel
   * @param handler the handler
   * @throws IllegalStateException if the channel already has a handler
   */
  void handleOnce(String channel, IpcMainHandler handler);

  /**
   * Removes the handler of a channel that was set with {@link #handle} or {@link #handleOnce};
   * Electron's {@code ipcMain.removeHandler}. Later invokes fail with "No handler registered".
   * Nothing happens if the channel has no such handler.
   *
   * @param channel the channel
   */
  void removeHandler(String channel);

  /**
   * Returns the live renderers; Electron's {@code webContents.getAllWebContents()}.
   *
   * @return the WebContents that are not destroyed, ordered by id
   */
  List<WebContents> getAllWebContents();

  /**
   * Finds a live renderer by id; Electron's {@code webContents.fromId(id)}.
   *
   * @param id the WebContents id
   * @return the WebContents, or empty if there is none with that id or it is destroyed
   */
  Optional<WebContents> fromId(long id);
}
