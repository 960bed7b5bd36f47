package org.ipcbus.api.runtime;

/** The values of {@link FailedServiceDTO#failureReason}. */
public final class DTOConstants {

  /** Something else went wrong; the failure message says what. */
  public static final int FAILURE_REASON_UNKNOWN = 0;

  /** {@code ipc.channel} is not a String, String[] or collection of strings, or names an invalid channel. */
  public static final int FAILURE_REASON_INVALID_CHANNEL = 1;

  /**
   * Another handler holds the channel: a whiteboard handler of higher ranking, or one set through
   * {@code IpcMain.handle}. The service takes over if that handler goes.
   */
  public static final int FAILURE_REASON_SHADOWED = 2;

  /** The framework gave no service object: the service factory returned null or threw. */
  public static final int FAILURE_REASON_SERVICE_NOT_GETTABLE = 3;

  /**
   * The channel access policy (PID {@code org.ipcbus.policy}) does not let the registering bundle
   * listen on, handle or intercept the channels listed: the service is not wired on them until a
   * policy allows it.
   *
   * @since 1.1
   */
  public static final int FAILURE_REASON_ACCESS_DENIED = 4;

  private DTOConstants() {
  }
}
