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

  /** HELLO: the child introduces itself. The secret is copied in and out, and never printed. */
  record Hello(int protocolVersion, String processName, byte[] secret, long pid)
      implements WireMessage {
    /** Checks and copies. */
    public Hello {
      unsigned("protocolVersion", protocolVersion);
      Objects.requireNonNull(processName, "processName");
      secret = secret.clone();
      unsigned("pid", pid);
    }

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

  /** WELCOME: main accepts, with the version it will speak and its settings (see WireProtocol). */
  record Welcome(int protocolVersion, Map<String, Long> settings) implements WireMessage {
    /** Checks and copies. */
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

  /** OPEN: a bundle in the child became a renderer and asks for a WebContents. */
  record Open(long call, BundleInfo bundle) implements WireMessage {
    /** Checks. */
    public Open {
      unsigned("call", call);
      Objects.requireNonNull(bundle, "bundle");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.OPEN;
    }
  }

  /** OPENED: main created the WebContents for an OPEN. */
  record Opened(long call, long wc) implements WireMessage {
    /** Checks. */
    public Opened {
      unsigned("call", call);
      unsigned("wc", wc);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.OPENED;
    }
  }

  /** CLOSE: the renderer's bundle stopped being a renderer. */
  record Close(long wc) implements WireMessage {
    /** Checks. */
    public Close {
      unsigned("wc", wc);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.CLOSE;
    }
  }

  /** SEND: ipcRenderer.send. */
  record Send(long wc, String channel, List<Object> args) implements WireMessage {
    /** Checks and copies. */
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

  /** SEND_SYNC: ipcRenderer.sendSync; answered by RESULT or FAILURE with the same call. */
  record SendSync(long wc, long call, String channel, List<Object> args) implements WireMessage {
    /** Checks and copies. */
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

  /** INVOKE: ipcRenderer.invoke; answered by RESULT or FAILURE with the same call. */
  record Invoke(long wc, long call, String channel, List<Object> args) implements WireMessage {
    /** Checks and copies. */
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

  /** RESULT: the return value of a SEND_SYNC or the resolved value of an INVOKE (may be null). */
  record Result(long call, Object value) implements WireMessage {
    /** Checks. */
    public Result {
      unsigned("call", call);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.RESULT;
    }
  }

  /** FAILURE: a call failed; remoteType (may be null) names the class a listener threw. */
  record Failure(long call, FailureType errorType, String remoteType, String message)
      implements WireMessage {
    /** Checks. */
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

  /** LISTEN: the renderer now has at least one listener on the channel. */
  record Listen(long wc, String channel) implements WireMessage {
    /** Checks. */
    public Listen {
      unsigned("wc", wc);
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.LISTEN;
    }
  }

  /** UNLISTEN: the renderer has no listener on the channel any more. */
  record Unlisten(long wc, String channel) implements WireMessage {
    /** Checks. */
    public Unlisten {
      unsigned("wc", wc);
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.UNLISTEN;
    }
  }

  /** DELIVER: main sent to this renderer (webContents.send, event.reply). */
  record Deliver(long wc, String channel, List<Object> args) implements WireMessage {
    /** Checks and copies. */
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

  /** PING: heartbeat; the receiver answers PONG with the same sequence. */
  record Ping(long sequence) implements WireMessage {
    /** Checks. */
    public Ping {
      unsigned("sequence", sequence);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.PING;
    }
  }

  /** PONG: the answer to a PING. */
  record Pong(long sequence) implements WireMessage {
    /** Checks. */
    public Pong {
      unsigned("sequence", sequence);
    }

    @Override
    public MessageKind kind() {
      return MessageKind.PONG;
    }
  }

  /** DESTROYED: main destroyed that WebContents. */
  record Destroyed(long wc, String reason) implements WireMessage {
    /** Checks. */
    public Destroyed {
      unsigned("wc", wc);
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.DESTROYED;
    }
  }

  /** GOODBYE: orderly close; the sender closes the socket after it. */
  record Goodbye(String reason) implements WireMessage {
    /** Checks. */
    public Goodbye {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.GOODBYE;
    }
  }

  /** ERROR: a protocol error; the sender closes the socket after it. */
  record ProtocolError(String message) implements WireMessage {
    /** Checks. */
    public ProtocolError {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public MessageKind kind() {
      return MessageKind.ERROR;
    }
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
