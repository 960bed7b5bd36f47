package org.ipcbus.api;

/**
 * A listener or handler on the other side threw. Unlike Electron, which keeps only the text, the
 * type name of what was thrown is kept ({@link #getRemoteType()}) and its message is kept whole
 * in this exception's message. The
 * original exception is not passed on (it may hold the other side's objects and classes); its stack
 * is logged where it was thrown.
 */
public class IpcRemoteException extends IpcException {

  private static final long serialVersionUID = 1L;

  private final String remoteType;

  /**
   * Creates an exception.
   *
   * @param channel the channel of the call
   * @param remoteType the class name of what was thrown
   * @param remoteMessage the message of what was thrown, may be null
   */
  public IpcRemoteException(String channel, String remoteType, String remoteMessage) {
    super("Error invoking remote method '" + channel + "': " + remoteType
        + (remoteMessage == null ? "" : ": " + remoteMessage));
    this.remoteType = remoteType;
  }

  /**
   * Returns the class name of what the listener or handler threw.
   *
   * @return for example {@code "java.lang.IllegalArgumentException"}
   */
  public String getRemoteType() {
    return remoteType;
  }
}
