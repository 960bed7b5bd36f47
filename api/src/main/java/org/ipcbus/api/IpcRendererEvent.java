package org.ipcbus.api;

import java.util.List;

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

  /**
   * Returns the ports transferred with the message, by {@link WebContents#postMessage} or
   * {@link Event#postMessage}; Electron's {@code event.ports}. They belong to this renderer now.
   *
   * @return the ports, empty for a message sent with send
   * @since 1.2
   */
  List<MessagePortMain> getPorts();
}
