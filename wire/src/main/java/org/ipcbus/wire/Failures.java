package org.ipcbus.wire;

import org.ipcbus.api.DataCloneException;
import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.api.IpcTimeoutException;

/**
 * The failure of a call, both ways across the wire: main turns the exception its bus gave into a
 * FAILURE message, and the renderer process turns that message back into the same exception type
 * with the same message, so that a caller cannot tell a renderer in another process from one in
 * main's framework.
 */
public final class Failures {

  private static final String NO_HANDLER = "No handler registered for '";

  private Failures() {}

  /**
   * Describes a failure for the wire.
   *
   * @param call the call it answers
   * @param failure what main's bus gave
   * @return the FAILURE message
   */
  public static WireMessage.Failure of(long call, Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    if (failure instanceof IpcRemoteException remote) {
      return new WireMessage.Failure(call, FailureType.REMOTE, remote.getRemoteType(), message);
    } else if (failure instanceof IpcTimeoutException) {
      return new WireMessage.Failure(call, FailureType.TIMEOUT, null, message);
    } else if (failure instanceof IpcClosedException) {
      return new WireMessage.Failure(call, FailureType.CLOSED, null, message);
    } else if (failure instanceof IpcAccessDeniedException) {
      return new WireMessage.Failure(call, FailureType.DENIED, null, message);
    } else if (failure instanceof DataCloneException) {
      return new WireMessage.Failure(call, FailureType.CLONE, null, message);
    } else if (failure instanceof IpcException && message.startsWith(NO_HANDLER)) {
      return new WireMessage.Failure(call, FailureType.NO_HANDLER, null, message);
    }
    return new WireMessage.Failure(call, FailureType.REMOTE, failure.getClass().getName(), message);
  }

  /**
   * Rebuilds the exception a failure stands for.
   *
   * @param failure the FAILURE message
   * @param channel the channel of the call it answers
   * @return the exception, of the type main's bus gave, with its message
   */
  public static RuntimeException toException(WireMessage.Failure failure, String channel) {
    String message = failure.message();
    switch (failure.errorType()) {
      case REMOTE:
        return new IpcRemoteException(channel, failure.remoteType() == null ? "unknown" : failure.remoteType(),
            remoteMessage(message, channel, failure.remoteType()));
      case TIMEOUT:
        return new IpcTimeoutException(message);
      case CLOSED:
        return new IpcClosedException(message);
      case DENIED:
        return new IpcAccessDeniedException(message);
      case CLONE:
        int colon = message.indexOf(": ");
        return colon < 0 ? new DataCloneException("value", message)
            : new DataCloneException(message.substring(0, colon), message.substring(colon + 2));
      case NO_HANDLER:
      case PROTOCOL:
      default:
        return new IpcException(message);
    }
  }

  /**
   * IpcRemoteException builds its message from the channel, the type and what was thrown; main sent
   * the built one. Take the part it was built from, so the message is not built twice.
   */
  private static String remoteMessage(String message, String channel, String remoteType) {
    String prefix = "Error invoking remote method '" + channel + "': " + remoteType;
    if (message.equals(prefix)) {
      return null;
    }
    return message.startsWith(prefix + ": ") ? message.substring(prefix.length() + 2) : message;
  }
}
