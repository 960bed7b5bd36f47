package org.ipcbus.api;

/**
 * A message was refused before any listener or handler saw it: the channel access policy (PID
 * {@code org.ipcbus.policy}) does not let the sending bundle use the channel, or an
 * {@link IpcMainInterceptor} rejected the message. A refused {@code send} or {@code sendSync}
 * throws it at the caller; a refused {@code invoke} fails its promise with it. The message is not
 * delivered.
 *
 * <p>The policy's rules for main's side throw it too: {@link IpcMain#on}, {@code once},
 * {@code handle} or {@code handleOnce} by a bundle that may not listen on or handle the channel,
 * and {@link WebContents#send} (also through {@link Event#reply}) by a bundle that may not send to
 * renderers as main on it. The message names the bundle, the channel and the rules.
 */
public class IpcAccessDeniedException extends IpcException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message which sender, which channel, and what refused it
   */
  public IpcAccessDeniedException(String message) {
    super(message);
  }
}
