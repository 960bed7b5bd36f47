package org.ipcbus.api;

import org.osgi.annotation.versioning.ProviderType;

/** A message received by a renderer; Electron's {@code IpcRendererEvent}. */
@ProviderType
public interface IpcRendererEvent {

  /**
   * Returns the receiving renderer, through which the listener can answer main; Electron's
   * {@code event.sender}.
   *
   * @return the renderer that received the message
   */
  IpcRenderer getSender();

  /**
   * Returns the channel the message was sent on.
   *
   * @return the channel
   */
  String getChannel();
}
