package org.ipcbus.benchmarks.process;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ipcbus.wire.FrameOutbox;
import org.ipcbus.wire.FrameReader;
import org.ipcbus.wire.FrameWriter;

/**
 * The other JVM of {@link RawSocketBenchmark}: it listens on a Unix domain socket, accepts one
 * connection and then, by mode,
 *
 * <ul>
 *   <li>{@code raw-echo}: reads a frame (4-byte big-endian length, then the body) and writes it
 *       back, with plain JDK calls and direct buffers;</li>
 *   <li>{@code raw-count}: reads the stream into a 64 KiB buffer, as much as each read gives, and
 *       counts the frames in it;</li>
 *   <li>{@code wire-echo}: the same echo through ipcbus's wire classes, as main and the renderer
 *       host use them: a {@link FrameReader} on this thread, answers posted to a
 *       {@link FrameOutbox} and written by its writer thread;</li>
 *   <li>{@code wire-echo-direct}: the same without the outbox: the reading thread writes the answer
 *       itself with a {@link FrameWriter} (what the outbox's writer thread does), to tell the cost
 *       of the hand-off to that thread;</li>
 *   <li>{@code wire-count}: counts the frames a {@link FrameReader} returns.</li>
 * </ul>
 *
 * When the benchmark ends its side of the connection, a counting peer writes the number of frames
 * it counted (8 bytes) and closes; the benchmark checks it. Arguments: mode, socket path, spin in ns
 * (raw modes; see {@link SpinIo}).
 */
public final class SocketPeer {

  static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

  private SocketPeer() {}

  public static void main(String[] args) throws IOException {
    HelperJvm.exitWhenStdinEnds();
    String mode = args[0];
    Path socket = Path.of(args[1]);
    long spinNanos = Long.parseLong(args[2]);
    SocketChannel channel;
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      System.out.println("READY");
      System.out.flush();
      channel = server.accept();
    } finally {
      Files.deleteIfExists(socket);
    }
    switch (mode) {
      case "raw-echo" -> rawEcho(channel, spinNanos);
      case "raw-count" -> rawCount(channel, spinNanos);
      case "wire-echo" -> wireEcho(channel);
      case "wire-echo-direct" -> wireEchoDirect(channel);
      case "wire-count" -> wireCount(channel);
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    System.exit(0);
  }

  private static void rawEcho(SocketChannel channel, long spinNanos) throws IOException {
    SpinIo.configure(channel, spinNanos);
    ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    while (true) {
      buffer.clear();
      if (!SpinIo.readAtLeast(channel, buffer, 4, spinNanos)) {
        return;
      }
      int frame = 4 + buffer.getInt(0);
      if (!SpinIo.readAtLeast(channel, buffer, frame, spinNanos)) {
        return;
      }
      buffer.flip().limit(frame); // the client sends the next frame only after this answer
      SpinIo.writeFully(channel, buffer, spinNanos);
    }
  }

  private static void rawCount(SocketChannel channel, long spinNanos) throws IOException {
    SpinIo.configure(channel, spinNanos);
    ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    long frames = 0;
    while (SpinIo.read(channel, buffer, spinNanos) >= 0) {
      buffer.flip();
      while (buffer.remaining() >= 4) {
        int frame = 4 + buffer.getInt(buffer.position());
        if (buffer.remaining() < frame) {
          break;
        }
        buffer.position(buffer.position() + frame);
        frames++;
      }
      buffer.compact();
    }
    answerCount(channel, frames);
  }

  private static void wireEcho(SocketChannel channel) throws IOException {
    FrameReader reader = new FrameReader(channel, MAX_FRAME_BYTES);
    FrameOutbox outbox = new FrameOutbox(channel, MAX_FRAME_BYTES, 64L * 1024 * 1024, "bench-peer-writer",
        failure -> { });
    for (ByteBuffer body = reader.read(); body != null; body = reader.read()) {
      byte[] copy = new byte[body.remaining()];
      body.get(copy);
      outbox.post(copy);
    }
    outbox.flushAndClose(1_000);
  }

  private static void wireEchoDirect(SocketChannel channel) throws IOException {
    FrameReader reader = new FrameReader(channel, MAX_FRAME_BYTES);
    FrameWriter writer = new FrameWriter(channel, MAX_FRAME_BYTES);
    for (ByteBuffer body = reader.read(); body != null; body = reader.read()) {
      byte[] copy = new byte[body.remaining()];
      body.get(copy);
      writer.write(copy);
    }
  }

  private static void wireCount(SocketChannel channel) throws IOException {
    FrameReader reader = new FrameReader(channel, MAX_FRAME_BYTES);
    long frames = 0;
    while (reader.read() != null) {
      frames++;
    }
    answerCount(channel, frames);
  }

  private static void answerCount(SocketChannel channel, long frames) throws IOException {
    channel.configureBlocking(true);
    ByteBuffer answer = ByteBuffer.allocate(Long.BYTES).putLong(frames).flip();
    while (answer.hasRemaining()) {
      channel.write(answer);
    }
    channel.close();
  }
}
