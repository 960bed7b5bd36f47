package org.ipcbus.api;

/**
 * The {@link WebContents} or the bus is gone: a send to a destroyed WebContents, or a pending
 * sendSync/invoke whose renderer or main went away.
 */
public class IpcClosedException extends IpcException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what is closed
   */
  public IpcClosedException(String message) {
    super(message);
  }
}
