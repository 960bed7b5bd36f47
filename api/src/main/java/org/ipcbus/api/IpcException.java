package org.ipcbus.api;

/** The base of every ipcbus failure. */
public class IpcException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong
   */
  public IpcException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what went wrong
   * @param cause the cause
   */
  public IpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
