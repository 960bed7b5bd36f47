package org.ipcbus.api;

import java.util.List;

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

  /**
   * Returns the ports transferred with the message, by {@link IpcRenderer#postMessage}; Electron's
   * {@code event.ports}. They belong to main now: this listener keeps, starts or transfers them.
   *
   * @return the ports, empty for send, sendSync and invoke
   * @since 1.2
   */
  List<MessagePortMain> getPorts();

  /**
   * Sends a message back to the sender, transferring ports; Electron's
   * {@code event.senderFrame.postMessage(channel, message, [transfer])}: {@link #reply} with
   * ports. The same as {@code getSender().postMessage(channel, message, transfer)}.
   *
   * @param channel the channel
   * @param message the message, plain data
   * @param transfer ports main holds, to hand to the sender
   * @throws IllegalStateException as {@link WebContents#postMessage}
   * @throws IpcClosedException if the sender is destroyed
   * @since 1.2
   */
  void postMessage(String channel, Object message, MessagePortMain... transfer);

  /**
   * Returns the operating-system id of the sender's process; Electron's {@code event.processId}.
   * For a renderer in main's framework it is main's own process id.
   *
   * @return the process id
   * @since 1.2
   */
  long getProcessId();
}
