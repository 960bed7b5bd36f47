package org.ipcbus.wire;

/**
 * Bytes from the peer that are not a valid ipcbus frame, message or value, or a frame that may not
 * be sent.
 *
 * <p>The message says what is wrong and where: an optional context (the message kind and field, such
 * as {@code HELLO field secret}), the reason, and the path of the offending value inside that field
 * (such as {@code args[1][0]}). For example: {@code SEND field args: nested deeper than 256 levels at
 * args[1][0]}.
 *
 * <p>It is unchecked because a format error is not recoverable on the connection that produced it:
 * the receiver answers with an ERROR message and closes (see docs/PROTOCOL.md).
 */
public class WireFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What is wrong, without context and path. */
  private final String reason;
  /** Built while the error travels up through the containers: each level puts its segment in front. */
  private String path = "";
  /** The message kind and field being read, set once. */
  private String context;

  /**
   * Creates an error.
   *
   * @param reason what is wrong, e.g. {@code "unknown tag 1234"}
   */
  public WireFormatException(String reason) {
    super(reason);
    this.reason = reason;
  }

  /**
   * Creates an error caused by another one, e.g. a parse error reported by Jackson.
   *
   * @param reason what is wrong
   * @param cause the underlying error
   */
  public WireFormatException(String reason, Throwable cause) {
    super(reason, cause);
    this.reason = reason;
  }

  /**
   * The reason alone, without context and path.
   *
   * @return what is wrong
   */
  public String getReason() {
    return reason;
  }

  /**
   * Where in the field the error was found, e.g. {@code args[1][0]}.
   *
   * @return the path; empty if the error is not inside a value
   */
  public String getPath() {
    return path;
  }

  /**
   * The message kind and field being read, e.g. {@code HELLO field secret}.
   *
   * @return the context, or null if none was set
   */
  public String getContext() {
    return context;
  }

  @Override
  public String getMessage() {
    StringBuilder message = new StringBuilder();
    if (context != null) {
      message.append(context).append(": ");
    }
    message.append(reason);
    if (!path.isEmpty()) {
      message.append(" at ").append(path);
    }
    return message.toString();
  }

  /** Cuts peer-supplied text that goes into a message to a readable length. */
  static String shorten(String text) {
    return shorten(text, 64);
  }

  /** Cuts text to at most {@code max} characters. */
  static String shorten(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  /** Puts a path segment in front, e.g. {@code "[3]"}, or the root name of the value. */
  WireFormatException under(String segment) {
    path = segment + path;
    return this;
  }

  /** Sets the context once; the innermost context wins, as it is the most precise. */
  WireFormatException within(String newContext) {
    if (context == null) {
      context = newContext;
    }
    return this;
  }
}
