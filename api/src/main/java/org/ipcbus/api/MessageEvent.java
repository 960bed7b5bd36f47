package org.ipcbus.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A message received on a {@link MessagePortMain}; Electron's {@code MessageEvent}.
 *
 * @since 1.2
 */
@ProviderType
public interface MessageEvent {

  /**
   * Returns the message; Electron's {@code event.data}.
   *
   * @return the cloned message, plain data, or null
   */
  Object getData();

  /**
   * Returns the ports transferred with the message; Electron's {@code event.ports}. They belong to
   * the receiver of this event now.
   *
   * @return the ports, in the order they were named, empty if none
   */
  List<MessagePortMain> getPorts();
}
