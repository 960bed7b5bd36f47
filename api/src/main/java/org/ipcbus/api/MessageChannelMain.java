package org.ipcbus.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Two entangled {@link MessagePortMain}s; Electron's {@code new MessageChannelMain()}. Main makes
 * one with {@link IpcMain#newMessageChannel()}, keeps or transfers its ports, and, for Electron's
 * "renderer to renderer" pattern, gives one port to each of two renderers with
 * {@link WebContents#postMessage}; they then talk without main.
 *
 * @since 1.2
 */
@ProviderType
public interface MessageChannelMain {

  /**
   * Returns the first port; Electron's {@code port1}.
   *
   * @return the port, held by main until transferred
   */
  MessagePortMain getPort1();

  /**
   * Returns the second port; Electron's {@code port2}.
   *
   * @return the port, held by main until transferred
   */
  MessagePortMain getPort2();
}
