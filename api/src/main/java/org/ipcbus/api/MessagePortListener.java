package org.ipcbus.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the messages of a {@link MessagePortMain}; the listener of Electron's
 * {@code port.on('message')}. It runs on the thread of the port's holder.
 *
 * @since 1.2
 */
@ConsumerType
@FunctionalInterface
public interface MessagePortListener {

  /**
   * Called for each message, in the order the other end posted them.
   *
   * @param event the message and the ports that came with it
   * @throws Exception anything; it is logged and the next message is still delivered
   */
  void onMessage(MessageEvent event) throws Exception;
}
