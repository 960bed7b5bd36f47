package org.ipcbus.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of the protocol between main and a child JVM: one record per {@link MessageKind}.
 * Encode and decode them with {@link MessageCodec}. "wc" is a WebContents id, "call" a call id
 * chosen by the child and unique per connection; ids are unsigned, so they must not be negative.
 * Lists and maps are copied into unmodifiable ones; argument lists may hold null.
 */
public sealed interface WireMessage {

  /**
   * The kind of this message.
   *
   * @return the kind
   */
  MessageKind kind();

  /**
   * HELLO: the child introduces itself. The secret is copied in and out, and never printed.
   *
   * @param protocolVersion the protocol version, see {@link WireProtocol#VERSION}
   * @param processName the child's process name, as main named it when it started the child
   * @param secret the secret main generated for this child process
   * @param pid the child's operating-system process id
   */
  record Hello(int protocolVersion, String processName, byte[] secret, long pid)
      implements WireMessage {
    /**
     * Checks and copies.
     *
     * @param protocolVersion the protocol version, see {@link WireProtocol#VERSION}
     * @param processName the child's process name, as main named it when it started the child
     * @param secret the secret main generated for this child process
     * @param pid the child's operating-system process id
     */
    public Hello {
      unsigned("protocolVersion", protocolVersion);
      Objects.requireNonNull(processName, "processName");
      secret = secret.clone();
      unsigned("pid", pid);
    }

    /**
     * The secret.
     *
     * @return a copy of the secret
     */
    @Override
    public byte[] secret() {
      return secret.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Hello h && h.protocolVersion == protocolVersion
          && h.processName.equals(processName) && Arrays.equals(h.secret, secret) && h.pid == pid;
    }

    @Override
    public int hashCode() {
      return Objects.hash(protocolVersion, processName, Arrays.hashCode(secret), pid);
    }

    @Override
    public String toString() {
      return "Hello[protocolVersion=" + protocolVersion + ", processName=" + processName
          + ", secret=(" + secret.length + " bytes), pid=" + pid + "]";
    }

    @Override
    public MessageKind kind() {
      return MessageKind.HELLO;
    }
  }

  /**
   * WELCOME: main accepts, with the version it will speak and its settings (see WireProtocol).
   *
   * @param protocolVersion the protocol version, see {@link WireProtocol#VERSION}
   * @param settings the settings: text keys (see {@link WireProtocol}) to unsigned values
   */
  record Welcome(int protocolVersion, Map<String, Long> settings) implements WireMessage {
    /**
     * Checks and copies.
     *
     * @param protocolVersion the protocol version, see {@link WireProtocol#VERSION}
     * @param settings the settings: text keys (see {@link WireProtocol}) to unsigned values
     */
    public Welcome {
      unsigned("protocolVersion", protocolVersion);
      settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
      settings.forEach((key, value) -> unsigned(Objects.requireNonNull(key), value));
    }

    @Override
    public MessageKind kind() {
      return MessageKind.WELCOME;
    }
  }

  /**
   * OPEN: a bundle in the child became a renderer and asks for a WebContents.
   *
   * @param call the call id, chosen by the child
   * @param bundle the bundle that became a renderer
   */
  record Open(long call, BundleInfo bundle) implements WireMessage {
    /**
     * Checks.
     *
     * @param call the call id, chosen by the child
     * @param bundle the bundle that became a renderer
     */
    public Open {
      unsigned("call", call);
      Objects.requireNonNull(bundle, "bundle");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.OPEN;
    }
  }

  /**
   * OPENED: main created the WebContents for an OPEN.
   *
   * @param call the call id, chosen by the child
   * @param wc the WebContents id
   */
  record Opened(long call, long wc) implements WireMessage {
    /**
     * Checks.
     *
     * @param call the call id, chosen by the child
     * @param wc the WebContents id
     */
    public Opened {
      unsigned("call", call);
      unsigned("wc", wc);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.OPENED;
    }
  }

  /**
   * CLOSE: the renderer's bundle stopped being a renderer.
   *
   * @param wc the WebContents id
   */
  record Close(long wc) implements WireMessage {
    /**
     * Checks.
     *
     * @param wc the WebContents id
     */
    public Close {
      unsigned("wc", wc);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.CLOSE;
    }
  }

  /**
   * SEND: ipcRenderer.send.
   *
   * @param wc the WebContents id
   * @param channel the channel
   * @param args the arguments, values as the clone produces them; may hold null
   */
  record Send(long wc, String channel, List<Object> args) implements WireMessage {
    /**
     * Checks and copies.
     *
     * @param wc the WebContents id
     * @param channel the channel
     * @param args the arguments, values as the clone produces them; may hold null
     */
    public Send {
      unsigned("wc", wc);
      Objects.requireNonNull(channel, "channel");
      args = copy(args);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.SEND;
    }
  }

  /**
   * SEND_SYNC: ipcRenderer.sendSync; answered by RESULT or FAILURE with the same call.
   *
   * @param wc the WebContents id
   * @param call the call id, chosen by the child
   * @param channel the channel
   * @param args the arguments, values as the clone produces them; may hold null
   */
  record SendSync(long wc, long call, String channel, List<Object> args) implements WireMessage {
    /**
     * Checks and copies.
     *
     * @param wc the WebContents id
     * @param call the call id, chosen by the child
     * @param channel the channel
     * @param args the arguments, values as the clone produces them; may hold null
     */
    public SendSync {
      unsigned("wc", wc);
      unsigned("call", call);
      Objects.requireNonNull(channel, "channel");
      args = copy(args);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.SEND_SYNC;
    }
  }

  /**
   * INVOKE: ipcRenderer.invoke; answered by RESULT or FAILURE with the same call.
   *
   * @param wc the WebContents id
   * @param call the call id, chosen by the child
   * @param channel the channel
   * @param args the arguments, values as the clone produces them; may hold null
   */
  record Invoke(long wc, long call, String channel, List<Object> args) implements WireMessage {
    /**
     * Checks and copies.
     *
     * @param wc the WebContents id
     * @param call the call id, chosen by the child
     * @param channel the channel
     * @param args the arguments, values as the clone produces them; may hold null
     */
    public Invoke {
      unsigned("wc", wc);
      unsigned("call", call);
      Objects.requireNonNull(channel, "channel");
      args = copy(args);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.INVOKE;
    }
  }

  /**
   * RESULT: the return value of a SEND_SYNC or the resolved value of an INVOKE (may be null).
   *
   * @param call the call id, chosen by the child
   * @param value the value, as the clone produces it; may be null
   */
  record Result(long call, Object value) implements WireMessage {
    /**
     * Checks.
     *
     * @param call the call id, chosen by the child
     * @param value the value, as the clone produces it; may be null
     */
    public Result {
      unsigned("call", call);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.RESULT;
    }
  }

  /**
   * FAILURE: a call failed; remoteType (may be null) names the class a listener threw.
   *
   * @param call the call id, chosen by the child
   * @param errorType why the call failed
   * @param remoteType the class name of what the listener or handler threw, or null
   * @param message a human-readable message
   */
  record Failure(long call, FailureType errorType, String remoteType, String message)
      implements WireMessage {
    /**
     * Checks.
     *
     * @param call the call id, chosen by the child
     * @param errorType why the call failed
     * @param remoteType the class name of what the listener or handler threw, or null
     * @param message a human-readable message
     */
    public Failure {
      unsigned("call", call);
      Objects.requireNonNull(errorType, "errorType");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.FAILURE;
    }
  }

  /**
   * LISTEN: the renderer now has at least one listener on the channel.
   *
   * @param wc the WebContents id
   * @param channel the channel
   */
  record Listen(long wc, String channel) implements WireMessage {
    /**
     * Checks.
     *
     * @param wc the WebContents id
     * @param channel the channel
     */
    public Listen {
      unsigned("wc", wc);
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.LISTEN;
    }
  }

  /**
   * UNLISTEN: the renderer has no listener on the channel any more.
   *
   * @param wc the WebContents id
   * @param channel the channel
   */
  record Unlisten(long wc, String channel) implements WireMessage {
    /**
     * Checks.
     *
     * @param wc the WebContents id
     * @param channel the channel
     */
    public Unlisten {
      unsigned("wc", wc);
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.UNLISTEN;
    }
  }

  /**
   * DELIVER: main sent to this renderer (webContents.send, event.reply).
   *
   * @param wc the WebContents id
   * @param channel the channel
   * @param args the arguments, values as the clone produces them; may hold null
   */
  record Deliver(long wc, String channel, List<Object> args) implements WireMessage {
    /**
     * Checks and copies.
     *
     * @param wc the WebContents id
     * @param channel the channel
     * @param args the arguments, values as the clone produces them; may hold null
     */
    public Deliver {
      unsigned("wc", wc);
      Objects.requireNonNull(channel, "channel");
      args = copy(args);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.DELIVER;
    }
  }

  /**
   * PING: heartbeat; the receiver answers PONG with the same sequence.
   *
   * @param sequence the heartbeat sequence number
   */
  record Ping(long sequence) implements WireMessage {
    /**
     * Checks.
     *
     * @param sequence the heartbeat sequence number
     */
    public Ping {
      unsigned("sequence", sequence);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.PING;
    }
  }

  /**
   * PONG: the answer to a PING.
   *
   * @param sequence the heartbeat sequence number
   */
  record Pong(long sequence) implements WireMessage {
    /**
     * Checks.
     *
     * @param sequence the heartbeat sequence number
     */
    public Pong {
      unsigned("sequence", sequence);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.PONG;
    }
  }

  /**
   * DESTROYED: main destroyed that WebContents.
   *
   * @param wc the WebContents id
   * @param reason why, for logs
   */
  record Destroyed(long wc, String reason) implements WireMessage {
    /**
     * Checks.
     *
     * @param wc the WebContents id
     * @param reason why, for logs
     */
    public Destroyed {
      unsigned("wc", wc);
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.DESTROYED;
    }
  }

  /**
   * GOODBYE: orderly close; the sender closes the socket after it.
   *
   * @param reason why, for logs
   */
  record Goodbye(String reason) implements WireMessage {
    /**
     * Checks.
     *
     * @param reason why, for logs
     */
    public Goodbye {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.GOODBYE;
    }
  }

  /**
   * ERROR: a protocol error; the sender closes the socket after it.
   *
   * @param message a human-readable message
   */
  record ProtocolError(String message) implements WireMessage {
    /**
     * Checks.
     *
     * @param message a human-readable message
     */
    public ProtocolError {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.ERROR;
    }
  }

  /**
   * POST (version 2): a postMessage that transfers ports. From the child, ipcRenderer.postMessage of
   * WebContents {@code wc}; from main, webContents.postMessage to it. Each port id names a port new
   * on this connection, allocated by the sender (see {@link PortMessage}).
   *
   * @param wc the WebContents id
   * @param channel the channel
   * @param message the message, a value as the clone produces it; may be null
   * @param ports the ids of the ports transferred with it; not empty
   */
  record Post(long wc, String channel, Object message, List<Long> ports) implements WireMessage {
    /**
     * Checks and copies.
     *
     * @param wc the WebContents id
     * @param channel the channel
     * @param message the message; may be null
     * @param ports the port ids; not empty
     */
    public Post {
      unsigned("wc", wc);
      Objects.requireNonNull(channel, "channel");
      ports = portIds(ports);
      if (ports.isEmpty()) {
        throw new IllegalArgumentException("a POST transfers at least one port; without ports it is a "
            + "SEND or a DELIVER");
      }
    }

    @Override
    public MessageKind kind() {
      return MessageKind.POST;
    }
  }

  /**
   * PORT_MESSAGE (version 2): a message posted on a port that crosses the connection, for the
   * receiver's side of it. A port id is allocated by the side that first sends it: main's ids are
   * even, the child's odd, so that both sides name a port by the same id without asking.
   *
   * @param port the id of the port
   * @param message the message, a value as the clone produces it; may be null
   * @param ports the ids of the ports transferred with it, new on this connection; may be empty
   */
  record PortMessage(long port, Object message, List<Long> ports) implements WireMessage {
    /**
     * Checks and copies.
     *
     * @param port the port id
     * @param message the message; may be null
     * @param ports the port ids; may be empty
     */
    public PortMessage {
      unsigned("port", port);
      ports = portIds(ports);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.PORT_MESSAGE;
    }
  }

  /**
   * PORT_CLOSE (version 2): the sender's side of a port that crosses the connection closed (or its
   * holder went); the receiver closes its side, whose other end hears it.
   *
   * @param port the id of the port
   */
  record PortClose(long port) implements WireMessage {
    /**
     * Checks.
     *
     * @param port the port id
     */
    public PortClose {
      unsigned("port", port);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.PORT_CLOSE;
    }
  }

  private static List<Long> portIds(List<Long> ports) {
    List<Long> copy = List.copyOf(ports);
    for (Long port : copy) {
      unsigned("ports", port);
    }
    return copy;
  }

  private static void unsigned(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
  }

  private static List<Object> copy(List<Object> args) {
    return Collections.unmodifiableList(new ArrayList<>(args)); // List.copyOf refuses null
  }
}
