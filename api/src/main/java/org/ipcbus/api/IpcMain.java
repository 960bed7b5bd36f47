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
 * <p>Unlike Electron's one {@code ipcMain}, each bundle gets its own instance, and what a bundle adds
 * through it belongs to that bundle: the remove methods act only on the caller's own listeners and
 * handlers. In Electron all of main is one program; in a framework main is many bundles, and one
 * must not undo or take over another's wiring. The channel access policy (PID
 * {@code org.ipcbus.policy}) may also say which bundles may listen on or handle a channel, and
 * which may send to renderers as main through the {@link WebContents} this service gives.
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
   * @throws IpcAccessDeniedException if the access policy does not let this bundle listen on the
   *     channel
   */
  IpcMain on(String channel, IpcMainListener listener);

  /**
   * Adds a listener that runs for the next message on a channel only; Electron's
   * {@code ipcMain.once}. It is removed before it runs.
   *
   * @param channel the channel
   * @param listener the listener
   * @return this, for chaining
   * @throws IpcAccessDeniedException if the access policy does not let this bundle listen on the
   *     channel
   */
  IpcMain once(String channel, IpcMainListener listener);

  /**
   * Removes one registration of a listener (by identity) from a channel that this bundle added;
   * Electron's {@code ipcMain.removeListener}. A listener that this bundle did not add there is
   * ignored, as EventEmitter ignores an unknown listener. Once this method returns, the listener is
   * not called for any later message.
   *
   * @param channel the channel
   * @param listener the listener
   * @return this, for chaining
   */
  IpcMain removeListener(String channel, IpcMainListener listener);

  /**
   * Removes every listener this bundle added with {@link #on} or {@link #once} on a channel;
   * Electron's {@code ipcMain.removeAllListeners(channel)}, which removes everyone's. Other bundles'
   * listeners and whiteboard listeners stay: they belong to their bundle or service registration.
   *
   * @param channel the channel
   * @return this, for chaining
   */
  IpcMain removeAllListeners(String channel);

  /**
   * Removes every listener this bundle added with {@link #on} or {@link #once} on every channel;
   * Electron's {@code ipcMain.removeAllListeners()}, which removes everyone's. Other bundles'
   * listeners and whiteboard listeners stay.
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
   * @throws IpcAccessDeniedException if the access policy does not let this bundle handle the
   *     channel
   */
  void handle(String channel, IpcMainHandler handler);

  /**
   * Sets a handler that answers the next {@link IpcRenderer#invoke invoke} on a channel only;
   * Electron's {@code ipcMain.handleOnce}. It is removed before it runs.
   *
   * @param channel the channel
   * @param handler the handler
   * @throws IllegalStateException if the channel already has a handler
   * @throws IpcAccessDeniedException if the access policy does not let this bundle handle the
   *     channel
   */
  void handleOnce(String channel, IpcMainHandler handler);

  /**
   * Removes the handler of a channel that this bundle set with {@link #handle} or
   * {@link #handleOnce}; Electron's {@code ipcMain.removeHandler}. Later invokes fail with "No
   * handler registered". Nothing happens if the channel has no handler.
   *
   * @param channel the channel
   * @throws IllegalStateException if another bundle's handler, or a whiteboard handler, holds the
   *     channel; the message names its owner
   */
  void removeHandler(String channel);

  /**
   * Returns the live renderers; Electron's {@code webContents.getAllWebContents()}. A send through
   * one of them is this bundle's send as main, which the access policy may refuse.
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

  /**
   * Makes a channel of two entangled ports, both held by main; Electron's
   * {@code new MessageChannelMain()}. Hand a port to a renderer with {@link WebContents#postMessage}.
   * The ports this bundle holds are closed when it stops using this service.
   *
   * @return the new channel
   * @throws IpcClosedException if ipcbus is stopped
   * @since 1.2
   */
  MessageChannelMain newMessageChannel();

  /**
   * Counts main's listeners of a channel, of every bundle and the whiteboard, that a message would
   * run now; Electron's {@code ipcMain.listenerCount(channel)}. Listeners the access policy
   * suspended and {@link WebContents#ipc() scoped} listeners are not counted.
   *
   * @param channel the channel
   * @return how many listeners it has
   * @since 1.2
   */
  int listenerCount(String channel);

  /**
   * Returns the channels that have at least one listener of main; Electron's
   * {@code ipcMain.eventNames()}. Channels with only a handler are not in it, as in Electron, where
   * handlers are not EventEmitter listeners.
   *
   * @return the channels, sorted
   * @since 1.2
   */
  List<String> eventNames();
}
