package org.ipcbus.benchmarks.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Blocking reads and writes of a SocketChannel, with an optional short spin before parking: with a
 * spin of 0 the channel is in blocking mode and a read that finds nothing parks the thread in the
 * kernel at once. With a spin of n ns the channel is non-blocking; a read that finds nothing is
 * retried for up to n ns (each try is a read(2)), and only then does the thread park, in a blocking
 * read (the channel is switched to blocking mode for it and back).
 */
final class SpinIo {

  private SpinIo() {}

  /**
   * Prepares a channel for {@link #read} and {@link #writeFully} with this spin.
   *
   * @param channel the connection
   * @param spinNanos the spin, 0 for none
   */
  static void configure(SocketChannel channel, long spinNanos) throws IOException {
    channel.configureBlocking(spinNanos <= 0);
  }

  /**
   * Reads once: at least one byte, unless the stream ended.
   *
   * @return the bytes read, or -1 at the end of the stream
   */
  static int read(SocketChannel channel, ByteBuffer buffer, long spinNanos) throws IOException {
    if (spinNanos <= 0) {
      return channel.read(buffer);
    }
    int read = channel.read(buffer);
    if (read != 0) {
      return read;
    }
    long deadline = System.nanoTime() + spinNanos;
    do {
      Thread.onSpinWait();
      read = channel.read(buffer);
      if (read != 0) {
        return read;
      }
    } while (System.nanoTime() - deadline < 0);
    channel.configureBlocking(true);
    try {
      return channel.read(buffer);
    } finally {
      channel.configureBlocking(false);
    }
  }

  /**
   * Reads until the buffer holds at least {@code needed} bytes from its start.
   *
   * @return false if the stream ended first
   */
  static boolean readAtLeast(SocketChannel channel, ByteBuffer buffer, int needed, long spinNanos)
      throws IOException {
    while (buffer.position() < needed) {
      if (read(channel, buffer, spinNanos) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Writes everything from position to limit. */
  static void writeFully(SocketChannel channel, ByteBuffer buffer, long spinNanos) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.write(buffer) == 0 && spinNanos > 0) {
        long deadline = System.nanoTime() + spinNanos;
        while (buffer.hasRemaining() && channel.write(buffer) == 0 && System.nanoTime() - deadline < 0) {
          Thread.onSpinWait();
        }
        if (buffer.hasRemaining()) {
          channel.configureBlocking(true);
          try {
            channel.write(buffer);
          } finally {
            channel.configureBlocking(false);
          }
        }
      }
    }
  }
}
