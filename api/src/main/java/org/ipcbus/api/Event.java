package org.ipcbus.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A message received by main; Electron's {@code IpcMainEvent} (and {@code IpcMainInvokeEvent}).
 */
@ProviderType
public interface Event {

  /**
   * Returns the renderer that sent the message; Electron's {@code event.sender}. Its
   * {@link WebContents#getBundle() bundle} is the bundle that called, which no bundle can forge.
   * Sends through it are sends as main by the bundle that registered the listener, handler or
   * interceptor that got this event, which the access policy may refuse.
   *
   * @return the sender
   */
  WebContents getSender();

  /**
   * Returns the channel the message was sent on.
   *
   * @return the channel
   */
  String getChannel();

  /**
   * Tells whether the message came from {@link IpcRenderer#sendSync sendSync}.
   *
   * @return true for sendSync, false for send and invoke
   */
  boolean isSync();

  /**
   * Returns the return value set so far; Electron's {@code event.returnValue}.
   *
   * @return the cloned return value, or null if none was set
   */
  Object getReturnValue();

  /**
   * Sets the reply of a {@link IpcRenderer#sendSync sendSync}; Electron's
   * {@code event.returnValue = value}. As in Electron, only the first assignment counts; later
   * ones are ignored. The value is cloned now.
   *
   * @param value the reply, plain data
   * @throws IllegalStateException if the message is not a sendSync (Electron ignores it silently)
   * @throws DataCloneException if the value cannot be cloned
   */
  void setReturnValue(Object value);

  /**
   * Sends a message back to the sender; Electron's {@code event.reply}. The same as
   * {@code getSender().send(channel, args)}.
   *
   * @param channel the channel
   * @param args the arguments, cloned now
   * @throws IpcClosedException if the sender is destroyed
   * @throws IpcAccessDeniedException if the access policy does not let the bundle that registered
   *     the receiver of this event send to renderers as main on the channel
   */
  void reply(String channel, Object... args);
}
