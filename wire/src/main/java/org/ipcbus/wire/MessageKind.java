package org.ipcbus.wire;

import java.util.List;

/**
 * The kinds of message, with their code on the wire and the names of their fields in order
 * (docs/PROTOCOL.md describes each). Every frame body is a CBOR array: the code, then the fields.
 */
public enum MessageKind {
  /** Child to main, first frame: protocolVersion, processName, secret, pid. */
  HELLO(1, Sender.CHILD, "protocolVersion", "processName", "secret", "pid"),
  /** Main to child, answer to HELLO: protocolVersion, settings. */
  WELCOME(2, Sender.MAIN, "protocolVersion", "settings"),
  /** Child to main: a bundle became a renderer; call, bundle. */
  OPEN(3, Sender.CHILD, "call", "bundle"),
  /** Main to child, answer to OPEN: call, wc. */
  OPENED(4, Sender.MAIN, "call", "wc"),
  /** Child to main: the renderer's bundle stopped being one; wc. */
  CLOSE(5, Sender.CHILD, "wc"),
  /** Child to main, ipcRenderer.send: wc, channel, args. */
  SEND(6, Sender.CHILD, "wc", "channel", "args"),
  /** Child to main, ipcRenderer.sendSync: wc, call, channel, args. */
  SEND_SYNC(7, Sender.CHILD, "wc", "call", "channel", "args"),
  /** Child to main, ipcRenderer.invoke: wc, call, channel, args. */
  INVOKE(8, Sender.CHILD, "wc", "call", "channel", "args"),
  /** Main to child, the reply of a SEND_SYNC or INVOKE: call, value. */
  RESULT(9, Sender.MAIN, "call", "value"),
  /** Either way, a call that failed: call, errorType, remoteType, message. */
  FAILURE(10, Sender.EITHER, "call", "errorType", "remoteType", "message"),
  /** Child to main: the renderer has listeners on a channel; wc, channel. */
  LISTEN(11, Sender.CHILD, "wc", "channel"),
  /** Child to main: it has none any more; wc, channel. */
  UNLISTEN(12, Sender.CHILD, "wc", "channel"),
  /** Main to child, webContents.send and event.reply: wc, channel, args. */
  DELIVER(13, Sender.MAIN, "wc", "channel", "args"),
  /** Either way, heartbeat: sequence. */
  PING(14, Sender.EITHER, "sequence"),
  /** Either way, answer to PING: sequence. */
  PONG(15, Sender.EITHER, "sequence"),
  /** Main to child, main destroyed a WebContents: wc, reason. */
  DESTROYED(16, Sender.MAIN, "wc", "reason"),
  /** Either way, orderly close; the sender then closes the socket: reason. */
  GOODBYE(17, Sender.EITHER, "reason"),
  /** Either way, protocol error; the sender then closes the socket: message. */
  ERROR(18, Sender.EITHER, "message"),
  /**
   * Either way, version 2: postMessage with ports to or from a renderer (main's
   * webContents.postMessage, the child's ipcRenderer.postMessage); wc, channel, message, ports.
   */
  POST(19, Sender.EITHER, "wc", "channel", "message", "ports"),
  /** Either way, version 2: a message posted on a port that crosses the connection; port, message, ports. */
  PORT_MESSAGE(20, Sender.EITHER, "port", "message", "ports"),
  /** Either way, version 2: the sender's side of a port that crosses the connection closed; port. */
  PORT_CLOSE(21, Sender.EITHER, "port");

  /** Which side may send a kind of message. */
  public enum Sender {
    /** Only the child (renderer host). */
    CHILD,
    /** Only main. */
    MAIN,
    /** Both sides. */
    EITHER
  }

  private static final MessageKind[] BY_CODE = new MessageKind[22];

  static {
    for (MessageKind kind : values()) {
      BY_CODE[kind.code] = kind;
    }
  }

  private final int code;
  private final Sender sender;
  private final List<String> fields;

  MessageKind(int code, Sender sender, String... fields) {
    this.code = code;
    this.sender = sender;
    this.fields = List.of(fields);
  }

  /**
   * The code that starts the message on the wire.
   *
   * @return 1 to 21
   */
  public int code() {
    return code;
  }

  /**
   * Who may send this kind; a receiver treats a kind from the wrong side as a protocol error.
   *
   * @return the sending side
   */
  public Sender sender() {
    return sender;
  }

  /**
   * The names of the fields after the code, in order.
   *
   * @return an unmodifiable list
   */
  public List<String> fields() {
    return fields;
  }

  /**
   * The kind with a code.
   *
   * @param code the code read from the wire
   * @return the kind
   * @throws WireFormatException if no kind has that code
   */
  public static MessageKind of(long code) {
    if (code < 1 || code >= BY_CODE.length) {
      throw new WireFormatException("unknown message kind " + Long.toUnsignedString(code));
    }
    return BY_CODE[(int) code];
  }
}
