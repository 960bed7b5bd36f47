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
}
