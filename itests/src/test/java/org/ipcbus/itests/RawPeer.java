package org.ipcbus.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of main's renderer-process socket written byte by byte from docs/PROTOCOL.md, without
 * the wire module: it can say what the renderer host never would. Frames are a 4-byte big-endian
 * length and one CBOR item; messages are arrays {@code [kind, fields...]}.
 */
final class RawPeer implements AutoCloseable {

  static final int HELLO = 1;
  static final int WELCOME = 2;
  static final int OPEN = 3;
  static final int OPENED = 4;
  static final int SEND = 6;
  static final int PING = 14;
  static final int GOODBYE = 17;
  static final int ERROR = 18;
  static final int PORT_MESSAGE = 20;

  private final SocketChannel channel;
  private final Selector selector;
  private ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();

  private RawPeer(SocketChannel channel) throws IOException {
    this.channel = channel;
    channel.configureBlocking(false);
    this.selector = Selector.open();
    channel.register(selector, SelectionKey.OP_READ);
  }

  static RawPeer connect(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    return new RawPeer(channel);
  }

  /** Writes bytes as they are: no framing. */
  void write(byte[] bytes) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(bytes);
    while (out.hasRemaining()) {
      if (channel.write(out) == 0) {
        Thread.onSpinWait();
      }
    }
  }

  /** Writes one frame: the length, then the body. */
  void writeFrame(byte[] body) throws IOException {
    write(frameOf(body));
  }

  /** Writes bytes until main closes the connection, which it may do before they are all written. */
  void writeWhileOpen(byte[] bytes) {
    try {
      write(bytes);
    } catch (IOException e) {
      // main closed the connection: what it made of the bytes is in its log
    }
  }

  static byte[] frameOf(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  /** @return the 4 bytes of a frame's length, unsigned big-endian */
  static byte[] lengthPrefix(long length) {
    return ByteBuffer.allocate(4).putInt((int) length).array();
  }

  /**
   * Reads the next frame.
   *
   * @return its body, or null if main closed the connection
   * @throws AssertionError if nothing complete came within the time
   */
  byte[] readFrame(long millis) throws IOException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (true) {
      if (in.remaining() >= 4) {
        int length = in.getInt(in.position());
        if (in.remaining() >= 4 + length) {
          byte[] body = new byte[length];
          in.position(in.position() + 4).get(body);
          return body;
        }
      }
      if (!readMore(deadline)) {
        return null;
      }
    }
  }

  /** Reads the next frame that is not a PING. */
  byte[] readAnswer(long millis) throws IOException {
    byte[] frame;
    do {
      frame = readFrame(millis);
    } while (frame != null && kind(frame) == PING);
    return frame;
  }

  /**
   * Reads until main closes the connection.
   *
   * @return the frames that came before
   * @throws AssertionError if main did not close it within the time
   */
  List<byte[]> framesUntilClosed(long millis) throws IOException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    List<byte[]> frames = new ArrayList<>();
    for (byte[] frame = readFrame(millis); frame != null;
        frame = readFrame(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L))) {
      frames.add(frame);
    }
    return frames;
  }

  /** @return false if main closed the connection (or reset it) */
  private boolean readMore(long deadline) throws IOException {
    long left = (deadline - System.nanoTime()) / 1_000_000L;
    if (left <= 0) {
      throw new AssertionError("main neither sent a whole frame nor closed the connection in time");
    }
    selector.select(left);
    selector.selectedKeys().clear();
    in.compact();
    if (!in.hasRemaining()) {
      in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
    }
    try {
      return channel.read(in) >= 0;
    } catch (IOException e) {
      return false; // reset: main closed with our bytes unread
    } finally {
      in.flip();
    }
  }

  @Override
  public void close() throws IOException {
    selector.close();
    channel.close();
  }

  // ---- messages ------------------------------------------------------------------------------

  static byte[] hello(String processName, byte[] secret, long pid) {
    return hello(1, processName, secret, pid);
  }

  static byte[] hello(int version, String processName, byte[] secret, long pid) {
    return new Cbor().array(5).uint(HELLO).uint(version).text(processName).bytes(secret).uint(pid).toBytes();
  }

  /** PORT_MESSAGE (version 2) on a port, with a text message and no ports. */
  static byte[] portMessage(long port, String message) {
    return new Cbor().array(4).uint(PORT_MESSAGE).uint(port).text(message).array(0).toBytes();
  }

  /** @return the protocol version of a WELCOME */
  static long welcomeVersion(byte[] body) {
    Reader reader = new Reader(body);
    reader.head(4);
    reader.head(0);
    return reader.head(0);
  }

  static byte[] open(long call, String symbolicName) {
    return new Cbor().array(3).uint(OPEN).uint(call).map(4)
        .text("symbolicName").text(symbolicName)
        .text("version").text("1.0.0")
        .text("bundleId").uint(42)
        .text("headers").map(1).text("Bundle-SymbolicName").text(symbolicName)
        .toBytes();
  }

  /** A SEND whose args array is given as CBOR, whatever it holds. */
  static byte[] send(long wc, String channel, byte[] argsArray) {
    return new Cbor().array(4).uint(SEND).uint(wc).text(channel).raw(argsArray).toBytes();
  }

  static byte[] goodbye(String reason) {
    return new Cbor().array(2).uint(GOODBYE).text(reason).toBytes();
  }

  /** @return the kind of a message main sent */
  static int kind(byte[] body) {
    Reader reader = new Reader(body);
    reader.head(4);
    return (int) reader.head(0);
  }

  /** @return the message of an ERROR */
  static String errorMessage(byte[] body) {
    Reader reader = new Reader(body);
    reader.head(4);
    reader.head(0);
    return reader.text();
  }

  /** @return the wc of an OPENED */
  static long openedWc(byte[] body) {
    Reader reader = new Reader(body);
    reader.head(4);
    reader.head(0);
    reader.head(0);
    return reader.head(0);
  }

  /** Writes CBOR items, definite length only. */
  static final class Cbor {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Cbor head(int major, long argument) {
      int type = major << 5;
      if (argument < 24) {
        out.write(type | (int) argument);
      } else if (argument < 0x100) {
        out.write(type | 24);
        out.write((int) argument);
      } else if (argument < 0x10000) {
        out.write(type | 25);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) argument).array());
      } else if (argument < 0x1_0000_0000L) {
        out.write(type | 26);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) argument).array());
      } else {
        out.write(type | 27);
        out.writeBytes(ByteBuffer.allocate(8).putLong(argument).array());
      }
      return this;
    }

    Cbor uint(long value) {
      return head(0, value);
    }

    Cbor bytes(byte[] value) {
      head(2, value.length);
      out.writeBytes(value);
      return this;
    }

    Cbor text(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      head(3, utf8.length);
      out.writeBytes(utf8);
      return this;
    }

    Cbor array(long size) {
      return head(4, size);
    }

    Cbor map(long size) {
      return head(5, size);
    }

    Cbor raw(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }

  /** Reads the few CBOR items the tests look at in main's messages. */
  private static final class Reader {
    private final ByteBuffer bytes;

    Reader(byte[] body) {
      this.bytes = ByteBuffer.wrap(body);
    }

    /** Reads a head of the given major type and returns its argument. */
    long head(int major) {
      int initial = bytes.get() & 0xFF;
      if (initial >>> 5 != major) {
        throw new AssertionError("expected CBOR major type " + major + ", found byte " + Integer.toHexString(initial));
      }
      int info = initial & 0x1F;
      return switch (info) {
        case 24 -> bytes.get() & 0xFF;
        case 25 -> bytes.getShort() & 0xFFFF;
        case 26 -> bytes.getInt() & 0xFFFF_FFFFL;
        case 27 -> bytes.getLong();
        default -> info;
      };
    }

    String text() {
      byte[] utf8 = new byte[(int) head(3)];
      bytes.get(utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    }
  }
}
