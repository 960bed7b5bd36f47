package org.ipcbus.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

import org.ipcbus.wire.WireMessage.Close;
import org.ipcbus.wire.WireMessage.Deliver;
import org.ipcbus.wire.WireMessage.Destroyed;
import org.ipcbus.wire.WireMessage.Failure;
import org.ipcbus.wire.WireMessage.Goodbye;
import org.ipcbus.wire.WireMessage.Hello;
import org.ipcbus.wire.WireMessage.Invoke;
import org.ipcbus.wire.WireMessage.Listen;
import org.ipcbus.wire.WireMessage.Open;
import org.ipcbus.wire.WireMessage.Opened;
import org.ipcbus.wire.WireMessage.Ping;
import org.ipcbus.wire.WireMessage.Pong;
import org.ipcbus.wire.WireMessage.PortClose;
import org.ipcbus.wire.WireMessage.PortMessage;
import org.ipcbus.wire.WireMessage.Post;
import org.ipcbus.wire.WireMessage.ProtocolError;
import org.ipcbus.wire.WireMessage.Result;
import org.ipcbus.wire.WireMessage.Send;
import org.ipcbus.wire.WireMessage.SendSync;
import org.ipcbus.wire.WireMessage.Unlisten;
import org.ipcbus.wire.WireMessage.Welcome;

/**
 * Encodes a {@link WireMessage} as one frame body and decodes it back: a CBOR array of the kind's
 * code and then its fields in order. Values (args, a RESULT's value) share one value-sharing table
 * per message. Thread safe: it keeps no state between calls.
 */
public final class MessageCodec {

  private MessageCodec() {
  }

  /**
   * Encodes a message.
   *
   * @param message the message
   * @return the frame body (without the length prefix: {@link FrameWriter} adds it)
   * @throws IllegalArgumentException if a value in it is not a supported type, or a text field
   *     cannot be UTF-8 (an unpaired surrogate)
   */
  public static byte[] encode(WireMessage message) {
    return Cbor.encode(out -> {
      MessageKind kind = message.kind();
      out.writeStartArray(message, kind.fields().size() + 1);
      out.writeNumber(kind.code());
      writeFields(message, out);
      out.writeEndArray();
    });
  }

  /**
   * Decodes a message that fills the bytes exactly.
   *
   * @param body a frame body
   * @param limits the bounds to enforce
   * @return the message
   * @throws WireFormatException if the bytes are not a valid message; the message names the kind
   *     and field, e.g. "HELLO field secret: expected a byte string, got a text string"
   */
  public static WireMessage decode(byte[] body, WireLimits limits) {
    return decode(body, 0, body.length, limits);
  }

  /**
   * Decodes a message from a frame body as {@link FrameReader#read()} returns it.
   *
   * @param body the frame body, from its position to its limit; its position is not moved
   * @param limits the bounds to enforce
   * @return the message
   * @throws WireFormatException if the bytes are not a valid message
   */
  public static WireMessage decode(ByteBuffer body, WireLimits limits) {
    if (body.hasArray()) {
      return decode(body.array(), body.arrayOffset() + body.position(), body.remaining(), limits);
    }
    byte[] copy = new byte[body.remaining()];
    body.duplicate().get(copy);
    return decode(copy, limits);
  }

  /**
   * Decodes a message from part of an array.
   *
   * @param bytes the array
   * @param offset where the frame body starts
   * @param length the body's length; the message must fill it exactly
   * @param limits the bounds to enforce
   * @return the message
   * @throws WireFormatException if the bytes are not a valid message
   */
  public static WireMessage decode(byte[] bytes, int offset, int length, WireLimits limits) {
    if (length > limits.maxFrameBytes()) {
      throw new WireFormatException("frame of " + length + " bytes exceeds the limit of "
          + limits.maxFrameBytes() + " bytes");
    }
    return Cbor.decode(bytes, offset, length, in -> new MessageReader(in, limits).read());
  }

  private static void writeFields(WireMessage message, CBORGenerator out) throws IOException {
    switch (message.kind()) {
      case HELLO -> {
        Hello hello = (Hello) message;
        out.writeNumber(hello.protocolVersion());
        Cbor.text(out, hello.processName());
        out.writeBinary(hello.secret());
        out.writeNumber(hello.pid());
      }
      case WELCOME -> {
        Welcome welcome = (Welcome) message;
        out.writeNumber(welcome.protocolVersion());
        out.writeStartObject(welcome.settings(), welcome.settings().size());
        for (Map.Entry<String, Long> setting : welcome.settings().entrySet()) {
          Cbor.key(out, setting.getKey());
          out.writeNumber(setting.getValue());
        }
        out.writeEndObject();
      }
      case OPEN -> {
        Open open = (Open) message;
        out.writeNumber(open.call());
        writeBundle(open.bundle(), out);
      }
      case OPENED -> {
        out.writeNumber(((Opened) message).call());
        out.writeNumber(((Opened) message).wc());
      }
      case CLOSE -> out.writeNumber(((Close) message).wc());
      case SEND -> {
        Send send = (Send) message;
        writeCall(out, send.wc(), -1, send.channel(), send.args());
      }
      case SEND_SYNC -> {
        SendSync sendSync = (SendSync) message;
        writeCall(out, sendSync.wc(), sendSync.call(), sendSync.channel(), sendSync.args());
      }
      case INVOKE -> {
        Invoke invoke = (Invoke) message;
        writeCall(out, invoke.wc(), invoke.call(), invoke.channel(), invoke.args());
      }
      case RESULT -> {
        Result result = (Result) message;
        out.writeNumber(result.call());
        ValueWriter values = new ValueWriter(out, WireLimits.HIGHEST_MAX_DEPTH);
        values.plan(result.value());
        values.write(result.value(), "value", -1);
      }
      case FAILURE -> {
        Failure failure = (Failure) message;
        out.writeNumber(failure.call());
        Cbor.text(out, failure.errorType().wireName());
        Cbor.text(out, failure.remoteType()); // null is written as CBOR null
        Cbor.text(out, failure.message());
      }
      case LISTEN -> {
        out.writeNumber(((Listen) message).wc());
        Cbor.text(out, ((Listen) message).channel());
      }
      case UNLISTEN -> {
        out.writeNumber(((Unlisten) message).wc());
        Cbor.text(out, ((Unlisten) message).channel());
      }
      case DELIVER -> {
        Deliver deliver = (Deliver) message;
        writeCall(out, deliver.wc(), -1, deliver.channel(), deliver.args());
      }
      case PING -> out.writeNumber(((Ping) message).sequence());
      case PONG -> out.writeNumber(((Pong) message).sequence());
      case DESTROYED -> {
        out.writeNumber(((Destroyed) message).wc());
        Cbor.text(out, ((Destroyed) message).reason());
      }
      case GOODBYE -> Cbor.text(out, ((Goodbye) message).reason());
      case ERROR -> Cbor.text(out, ((ProtocolError) message).message());
      case POST -> {
        Post post = (Post) message;
        out.writeNumber(post.wc());
        Cbor.text(out, post.channel());
        writeValue(out, post.message());
        writePorts(out, post.ports());
      }
      case PORT_MESSAGE -> {
        PortMessage portMessage = (PortMessage) message;
        out.writeNumber(portMessage.port());
        writeValue(out, portMessage.message());
        writePorts(out, portMessage.ports());
      }
      case PORT_CLOSE -> out.writeNumber(((PortClose) message).port());
      default -> throw new IllegalStateException("no encoding for " + message.kind());
    }
  }

  /** One value with its own sharing table: a RESULT's value, a POST's or PORT_MESSAGE's message. */
  private static void writeValue(CBORGenerator out, Object value) throws IOException {
    ValueWriter values = new ValueWriter(out, WireLimits.HIGHEST_MAX_DEPTH);
    values.plan(value);
    values.write(value, "message", -1);
  }

  /** The ids of transferred ports: an array of unsigned integers. */
  private static void writePorts(CBORGenerator out, List<Long> ports) throws IOException {
    out.writeStartArray(ports, ports.size());
    for (long port : ports) {
      out.writeNumber(port);
    }
    out.writeEndArray();
  }

  /** wc, [call,] channel, args: the common shape of SEND, SEND_SYNC, INVOKE and DELIVER. */
  private static void writeCall(CBORGenerator out, long wc, long call, String channel,
      List<Object> args) throws IOException {
    out.writeNumber(wc);
    if (call >= 0) {
      out.writeNumber(call);
    }
    Cbor.text(out, channel);
    ValueWriter values = new ValueWriter(out, WireLimits.HIGHEST_MAX_DEPTH);
    for (Object arg : args) {
      values.plan(arg); // one sharing table for all the arguments
    }
    out.writeStartArray(args, args.size());
    for (int i = 0; i < args.size(); i++) {
      values.write(args.get(i), "args", i);
    }
    out.writeEndArray();
  }

  private static void writeBundle(BundleInfo bundle, CBORGenerator out) throws IOException {
    out.writeStartObject(bundle, 4);
    Cbor.key(out, MessageReader.SYMBOLIC_NAME);
    Cbor.text(out, bundle.symbolicName());
    Cbor.key(out, MessageReader.VERSION);
    Cbor.text(out, bundle.version());
    out.writeFieldName(MessageReader.BUNDLE_ID);
    out.writeNumber(bundle.bundleId());
    out.writeFieldName(MessageReader.HEADERS);
    out.writeStartObject(bundle.headers(), bundle.headers().size());
    for (Map.Entry<String, String> header : bundle.headers().entrySet()) {
      Cbor.key(out, header.getKey());
      Cbor.text(out, header.getValue());
    }
    out.writeEndObject();
    out.writeEndObject();
  }
}
