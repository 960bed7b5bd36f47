package org.ipcbus.api;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * The renderer side of the bus; Electron's {@code ipcRenderer}.
 *
 * <p>This is a bundle-scoped service: each bundle that gets it receives its own instance, bound to
 * its own {@link WebContents}, so a bundle can only send as itself. The listeners of a renderer run
 * on that renderer's own thread, one message at a time, in the order main sent them. The messages one
 * renderer sends reach main in the order of the calls, whatever their kind.
 *
 * <p>Arguments are cloned when the call is made (see {@link DataCloneException}); a bad argument
 * fails the call before anything is queued.
 */
@ProviderType
public interface IpcRenderer {

  /**
   * Sends a message to main's listeners of a channel, without waiting; Electron's
   * {@code ipcRenderer.send}. A message on a channel that has no listener is dropped.
   *
   * @param channel the channel
   * @param args the arguments, plain data
   * @throws DataCloneException if an argument cannot be cloned
   * @throws IpcAccessDeniedException if the channel access policy does not let this bundle send on
   *     the channel; a message an {@link IpcMainInterceptor} rejects is dropped silently
   * @throws IpcClosedException if this renderer or main is gone
   * @throws IpcTimeoutException if main's queue for this renderer stays full for the timeout
   */
  void send(String channel, Object... args);

  /**
   * Sends a message to main and waits until every main listener of the channel has run; Electron's
   * {@code ipcRenderer.sendSync}.
   *
   * @param channel the channel
   * @param args the arguments, plain data
   * @return the return value the listeners set (cloned), or null if none was set or the channel has
   *     no listener (then a warning is logged)
   * @throws IpcRemoteException if a listener threw
   * @throws IpcAccessDeniedException if the channel access policy or an {@link IpcMainInterceptor}
   *     refused the message; no listener saw it
   * @throws IpcTimeoutException if the listeners did not finish within the timeout (unlike Electron,
   *     which hangs)
   * @throws IpcClosedException if this renderer or main went away while waiting
   * @throws IllegalStateException if called on the main dispatch thread, where it would deadlock
   */
  Object sendSync(String channel, Object... args);

  /**
   * Calls main's handler of a channel; Electron's {@code ipcRenderer.invoke}.
   *
   * @param channel the channel
   * @param args the arguments, plain data
   * @return a promise of the handler's reply (cloned). It fails with an {@link IpcException}
   *     "No handler registered for 'channel'", an {@link IpcRemoteException} if the handler threw or
   *     its promise failed, an {@link IpcTimeoutException} after the timeout, or an
   *     {@link IpcClosedException} if this renderer or main went away, or an
   *     {@link IpcAccessDeniedException} if an {@link IpcMainInterceptor} rejected the call. Its
   *     callbacks run on this renderer's thread.
   * @throws DataCloneException if an argument cannot be cloned
   * @throws IpcAccessDeniedException if the channel access policy does not let this bundle send on
   *     the channel
   */
  Promise<Object> invoke(String channel, Object... args);

  /**
   * Adds a listener for messages main sends to this renderer on a channel; Electron's
   * {@code ipcRenderer.on}.
   *
   * @param channel the channel
   * @param listener the listener
   * @return this, for chaining
   */
  IpcRenderer on(String channel, IpcRendererListener listener);

  /**
   * Adds a listener for the next message on a channel only; Electron's {@code ipcRenderer.once}.
   *
   * @param channel the channel
   * @param listener the listener
   * @return this, for chaining
   */
  IpcRenderer once(String channel, IpcRendererListener listener);

  /**
   * Removes one registration of a listener (by identity); Electron's
   * {@code ipcRenderer.removeListener}.
   *
   * @param channel the channel
   * @param listener the listener
   * @return this, for chaining
   */
  IpcRenderer removeListener(String channel, IpcRendererListener listener);

  /**
   * Removes every listener this renderer added with {@link #on}/{@link #once} on a channel.
   *
   * @param channel the channel
   * @return this, for chaining
   */
  IpcRenderer removeAllListeners(String channel);

  /**
   * Removes every listener this renderer added with {@link #on}/{@link #once}.
   *
   * @return this, for chaining
   */
  IpcRenderer removeAllListeners();

  /**
   * Returns the id of this renderer's {@link WebContents}.
   *
   * @return the id
   */
  long getId();

  /**
   * Sends a message to main's listeners of a channel, transferring ports; Electron's
   * {@code ipcRenderer.postMessage(channel, message, [transfer])}. Main's listeners get
   * {@code message} as their only argument and the ports in {@link Event#getPorts()}. Otherwise it
   * is a {@link #send}: same order, policy, interceptors and limits.
   *
   * @param channel the channel
   * @param message the message, plain data (may be null)
   * @param transfer ports this renderer holds, to hand to main; each can be transferred once
   * @throws IllegalStateException if a port was already transferred or is closed
   * @throws DataCloneException if the message cannot be cloned
   * @throws IpcAccessDeniedException if the channel access policy does not let this bundle send on
   *     the channel
   * @throws IpcClosedException if this renderer or main is gone
   * @since 1.2
   */
  void postMessage(String channel, Object message, MessagePortMain... transfer);
}
