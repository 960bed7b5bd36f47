package org.ipcbus.api;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * One renderer as seen from main; Electron's {@code WebContents}. A bundle becomes a renderer when
 * it first gets {@link IpcRenderer} or registers an {@link IpcRendererListener} service, and stays
 * one until it holds neither (at the latest when it stops); then its WebContents is destroyed.
 */
@ProviderType
public interface WebContents {

  /**
   * Returns the id; Electron's {@code webContents.id}. Ids start at 1 and are never reused while
   * the framework runs.
   *
   * @return the id
   */
  long getId();

  /**
   * Returns the renderer bundle: the identity of the sender, which no other bundle can assume.
   *
   * <p>A renderer in another process (see {@link #getOSProcessId()}) has no bundle in main's
   * framework: for it this is the ipcbus bundle that launched that process and speaks for it in
   * main. The renderer bundle's own symbolic name, version and headers, as its process reported
   * them, are in the runtime DTO, and the access policy matches them together with the header
   * {@code Ipc-Process}, the process's configured name, which main sets itself.
   *
   * @return the bundle
   */
  Bundle getBundle();

  /**
   * Returns the operating-system id of the process the renderer runs in; Electron's
   * {@code webContents.getOSProcessId()}. For a renderer bundle in main's own framework it is
   * main's process id.
   *
   * @return the process id
   * @since 1.1
   */
  long getOSProcessId();

  /**
   * Sends a message to the renderer's listeners; Electron's {@code webContents.send}. The arguments
   * are cloned now; the listeners run later on the renderer's thread, in send order.
   *
   * @param channel the channel
   * @param args the arguments, plain data
   * @throws IpcClosedException if this WebContents is destroyed
   * @throws IpcAccessDeniedException if the access policy does not let the bundle of main that
   *     holds this WebContents (or whose listener got it as the sender) send to renderers as main
   *     on the channel
   * @throws DataCloneException if an argument cannot be cloned
   * @throws IpcTimeoutException if the renderer's queue stays full for the configured timeout
   */
  void send(String channel, Object... args);

  /**
   * Tells whether this WebContents is destroyed; Electron's {@code webContents.isDestroyed()}.
   *
   * @return true once the renderer bundle stopped being a renderer
   */
  boolean isDestroyed();

  /**
   * Sends a message to the renderer's listeners of a channel, transferring ports; Electron's
   * {@code webContents.postMessage(channel, message, [transfer])}. The listeners get
   * {@code message} as their only argument and the ports in {@link IpcRendererEvent#getPorts()}.
   * Otherwise it is a {@link #send}.
   *
   * @param channel the channel
   * @param message the message, plain data (may be null)
   * @param transfer ports main holds, to hand to the renderer; each can be transferred once
   * @throws IllegalStateException if a port was already transferred or is closed, or the renderer
   *     runs in a renderer process, where ports cannot be transferred yet (the message names it)
   * @throws IpcClosedException if this WebContents is destroyed
   * @throws IpcAccessDeniedException as {@link #send}
   * @throws DataCloneException if the message cannot be cloned
   * @since 1.2
   */
  void postMessage(String channel, Object message, MessagePortMain... transfer);

  /**
   * Returns an {@link IpcMain} scoped to this renderer; Electron's {@code webContents.ipc}. Its
   * listeners and handlers see only this renderer's messages. For send and sendSync its listeners
   * run before ipcMain's; for invoke its handler, if it has one for the channel, answers instead of
   * ipcMain's. What a bundle adds through it belongs to that bundle: it goes when that bundle stops
   * using IpcMain, and everyone's goes when this WebContents is destroyed. The access policy applies
   * as on ipcMain. Its {@code getAllWebContents}, {@code fromId} and {@code newMessageChannel} are
   * ipcMain's.
   *
   * @return the scoped IpcMain, the same object on each call from the same bundle
   * @throws IpcClosedException if this WebContents is destroyed
   * @since 1.2
   */
  IpcMain ipc();

  /**
   * Adds a listener of this renderer's own lifecycle events; Electron's
   * {@code webContents.on('destroyed')}, {@code 'render-process-gone'}, {@code 'unresponsive'} and
   * {@code 'responsive'}. Its methods run on main's dispatch thread, in order with this renderer's
   * messages (its last message before {@code destroyed}); {@code created} is never called, the
   * renderer exists already. Listeners go after {@code destroyed}.
   *
   * @param listener the listener
   * @throws NullPointerException if the listener is null
   * @throws IpcClosedException if this WebContents is destroyed
   * @since 1.2
   */
  void addWebContentsListener(WebContentsListener listener);

  /**
   * Removes a listener added with {@link #addWebContentsListener} (by identity); unknown ones are
   * ignored.
   *
   * @param listener the listener
   * @since 1.2
   */
  void removeWebContentsListener(WebContentsListener listener);
}
