package org.ipcbus.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives messages main sent to a renderer; the listener of Electron's {@code ipcRenderer.on}.
 *
 * <p>Add it with {@link IpcRenderer#on}, or register it as a whiteboard service with the service
 * property {@link IpcConstants#CHANNEL}: the registering bundle becomes a renderer and the listener
 * receives what main sends to that bundle's {@link WebContents}. It runs on the renderer's thread.
 */
@ConsumerType
@FunctionalInterface
public interface IpcRendererListener {

  /**
   * Called for each message on the channel.
   *
   * @param event the event: the receiving renderer and the channel
   * @param args the cloned arguments (plain data), never null
   * @throws Exception anything; it is logged and delivery goes on
   */
  void onMessage(IpcRendererEvent event, Object... args) throws Exception;
}
