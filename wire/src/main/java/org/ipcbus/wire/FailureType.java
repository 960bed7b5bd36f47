package org.ipcbus.wire;

/**
 * Why a call failed, the errorType field of a FAILURE message. Each has a fixed text on the wire.
 */
public enum FailureType {
  /** The listener or handler threw; remoteType names the class of what it threw. */
  REMOTE("remote"),
  /** No answer within the call's timeout. */
  TIMEOUT("timeout"),
  /** The WebContents was destroyed or the bus stopped before the answer. */
  CLOSED("closed"),
  /** An interceptor, or main's policy, refused the message (also: an OPEN main refuses). */
  DENIED("denied"),
  /** INVOKE on a channel with no handler. */
  NO_HANDLER("no-handler"),
  /** An argument or the result could not be cloned (unsupported type or over a limit). */
  CLONE("clone"),
  /** The call itself broke the protocol, e.g. a call id already in use. */
  PROTOCOL("protocol");

  private final String wireName;

  FailureType(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The text of this type on the wire.
   *
   * @return e.g. "no-handler"
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The type with a wire text.
   *
   * @param wireName the text read from the wire
   * @return the type
   * @throws WireFormatException if no type has that text
   */
  public static FailureType fromWire(String wireName) {
    for (FailureType type : values()) {
      if (type.wireName.equals(wireName)) {
        return type;
      }
    }
    throw new WireFormatException("unknown errorType \"" + WireFormatException.shorten(wireName)
        + "\"");
  }
}
