package org.ipcbus.api;

/**
 * A {@link IpcRenderer#sendSync sendSync} or {@link IpcRenderer#invoke invoke} did not get its
 * answer in time, or a full queue did not make room in time. Electron has no timeout: there a
 * sendSync whose listener never answers hangs the renderer.
 */
public class IpcTimeoutException extends IpcException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what timed out, and after how long
   */
  public IpcTimeoutException(String message) {
    super(message);
  }
}
