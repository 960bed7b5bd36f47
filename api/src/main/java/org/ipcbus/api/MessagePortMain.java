package org.ipcbus.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One end of a {@link MessageChannelMain}; Electron's {@code MessagePortMain}. What one end posts,
 * the other end's message listeners receive, cloned like every message, in the order it was
 * posted.
 *
 * <p><b>Threads.</b> The listeners of a port run on the thread of whoever holds it: a renderer's
 * own thread for a port that renderer received, main's dispatch thread for a port main holds.
 * Messages between two renderers never pass through main's thread.
 *
 * <p><b>Start.</b> As with Electron's {@code MessagePortMain} (and unlike a web page's
 * {@code port.onmessage = ...}), messages and the close event are queued until {@link #start()} is
 * called; adding a listener does not start the port.
 *
 * <p><b>Transfer.</b> A port is handed to a renderer or to main by naming it in the
 * {@code transfer} arguments of {@link WebContents#postMessage}, {@link IpcRenderer#postMessage},
 * {@link Event#postMessage} or {@link #postMessage}; the receiver gets a new
 * {@code MessagePortMain} for the same end, with the messages queued so far, in
 * {@code event.getPorts()}. The object transferred is then dead: every method but
 * {@link #isClosed()} throws {@link IllegalStateException}, so a port is transferred only once.
 *
 * <p><b>Close.</b> When one end is closed, by {@link #close()} or because the renderer holding it
 * is destroyed (its bundle stopped, for example) or ipcbus stopped, the other end's close
 * listeners run after the messages posted before it. Messages posted to a closed peer are dropped,
 * as in Electron. The queue of a port has no bound: a port is a private line between two parties
 * that agreed to talk.
 *
 * @since 1.2
 */
@ProviderType
public interface MessagePortMain {

  /**
   * Posts a message to the other end; Electron's {@code port.postMessage(message, [transfer])}.
   * The message is cloned now; it is dropped if the other end is closed.
   *
   * @param message the message, plain data (may be null)
   * @param transfer ports to hand to the other end's holder, which finds them in
   *     {@link MessageEvent#getPorts()}; neither this port nor its peer
   * @throws IllegalStateException if this port was transferred or closed by {@link #close()} (a
   *     message to an end the other side closed is dropped silently), or a port in
   *     {@code transfer} was already transferred, closed, or is this port or its peer
   * @throws DataCloneException if the message cannot be cloned
   */
  void postMessage(Object message, MessagePortMain... transfer);

  /**
   * Starts delivering messages to the listeners: those queued so far, then each as it comes;
   * Electron's {@code port.start()}. Calling it again does nothing.
   *
   * @throws IllegalStateException if this port was transferred
   */
  void start();

  /**
   * Closes this end; Electron's {@code port.close()}. The other end's close listeners run; messages
   * still queued here are dropped. Calling it again does nothing.
   *
   * @throws IllegalStateException if this port was transferred
   */
  void close();

  /**
   * Adds a message listener; Electron's {@code port.on('message', listener)}.
   *
   * @param listener the listener
   * @return this, for chaining
   * @throws NullPointerException if the listener is null
   * @throws IllegalStateException if this port was transferred
   */
  MessagePortMain onMessage(MessagePortListener listener);

  /**
   * Removes a message listener (by identity); Electron's {@code port.removeListener('message', l)}.
   *
   * @param listener the listener
   * @return this, for chaining
   */
  MessagePortMain removeMessageListener(MessagePortListener listener);

  /**
   * Adds a listener that runs once, when the other end is closed or its holder goes away;
   * Electron's {@code port.on('close', listener)}. It runs on this port's holder's thread, after the
   * messages posted before the close, once the port is started.
   *
   * @param listener the listener
   * @return this, for chaining
   * @throws NullPointerException if the listener is null
   * @throws IllegalStateException if this port was transferred
   */
  MessagePortMain onClose(Runnable listener);

  /**
   * Tells whether this end can no longer be used: it was closed, its other end was closed, or it
   * was transferred.
   *
   * @return true if closed or transferred
   */
  boolean isClosed();
}
