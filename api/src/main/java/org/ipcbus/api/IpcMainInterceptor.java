package org.ipcbus.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One central place that sees every message a renderer sends to main, before any listener or
 * handler, and may reject it: the hook Electron users ask for to check the sender of all IPC in one
 * place (electron/electron#33517).
 *
 * <p>Register it as a whiteboard service; no {@link IpcConstants#CHANNEL} property is needed (give
 * one to see only those channels). Interceptors run on the main dispatch thread in
 * {@code service.ranking} order, highest first; the first that rejects a message stops it. An
 * interceptor that throws rejects the message too: a broken check must not open a channel.
 *
 * <p>A rejected {@code sendSync} or {@code invoke} ends at the caller with an
 * {@link IpcAccessDeniedException}; a rejected {@code send} is dropped. Each rejection is counted in
 * the runtime DTO of the channel.
 */
@ConsumerType
@FunctionalInterface
public interface IpcMainInterceptor {

  /**
   * Decides whether a message reaches main's listeners or handler.
   *
   * @param event the message's event: {@link Event#getSender() sender}, channel, and whether it is
   *     a sendSync; do not set its return value here
   * @param args the cloned arguments, which the listeners will see; do not modify them
   * @return true to let the message through, false to reject it
   * @throws Exception taken as a rejection, with its message
   */
  boolean allow(Event event, Object... args) throws Exception;
}
