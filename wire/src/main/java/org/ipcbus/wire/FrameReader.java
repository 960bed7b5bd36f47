package org.ipcbus.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads frames from a channel in blocking mode: a 4-byte big-endian unsigned length N, then N bytes
 * holding one CBOR data item.
 *
 * <p>Reads go into one reusable buffer, as many bytes as the channel has (often several frames per
 * read, which is where the throughput comes from). The buffer starts small and grows to the largest
 * frame seen, never past the limit. A length of 0 or over the limit is refused before anything is
 * allocated for it.
 *
 * <p>Not thread safe: one reader thread per connection.
 */
public final class FrameReader {

  private static final int INITIAL_CAPACITY = 64 * 1024;

  private final ReadableByteChannel channel;
  private int maxFrameBytes;
  /** Bytes read but not yet returned are between position and limit (read mode). */
  private ByteBuffer buffer;

  /**
   * Creates a reader.
   *
   * @param channel a channel in blocking mode
   * @param maxFrameBytes the largest frame body accepted, see {@link WireLimits#maxFrameBytes()}
   */
  public FrameReader(ReadableByteChannel channel, int maxFrameBytes) {
    if (maxFrameBytes < 1 || maxFrameBytes > WireLimits.HIGHEST_MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be from 1 to "
          + WireLimits.HIGHEST_MAX_FRAME_BYTES + ", was " + maxFrameBytes);
    }
    this.channel = channel;
    this.maxFrameBytes = maxFrameBytes;
    int capacity = Math.min(INITIAL_CAPACITY, maxFrameBytes + WireProtocol.LENGTH_PREFIX_BYTES);
    this.buffer = ByteBuffer.allocate(capacity).flip();
  }

  /**
   * Changes the largest frame accepted from the next frame on: main reads a peer's HELLO under
   * {@link WireProtocol#HANDSHAKE_MAX_FRAME_BYTES} and raises the limit once the peer has proven who
   * it is. Bytes already read stay buffered.
   *
   * @param maxFrameBytes the largest frame body accepted
   */
  public void maxFrameBytes(int maxFrameBytes) {
    if (maxFrameBytes < 1 || maxFrameBytes > WireLimits.HIGHEST_MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be from 1 to "
          + WireLimits.HIGHEST_MAX_FRAME_BYTES + ", was " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Reads the next frame, blocking until it is complete.
   *
   * @return the frame body from position to limit, backed by this reader's buffer and valid only
   *     until the next call; or null if the channel ended cleanly between two frames
   * @throws WireFormatException if the length is 0 or over the limit (the connection cannot be
   *     resynchronized after that: close it)
   * @throws EOFException if the channel ended in the middle of a frame
   * @throws IOException if reading fails
   */
  public ByteBuffer read() throws IOException {
    if (!fill(WireProtocol.LENGTH_PREFIX_BYTES)) {
      if (buffer.remaining() == 0) {
        return null;
      }
      throw new EOFException("the connection ended in the middle of a frame's length prefix ("
          + buffer.remaining() + " of 4 bytes)");
    }
    long length = buffer.getInt(buffer.position()) & 0xFFFF_FFFFL;
    if (length == 0) {
      throw new WireFormatException("frame of length 0: a frame holds one data item");
    }
    if (length > maxFrameBytes) {
      throw new WireFormatException("frame of " + length + " bytes exceeds the limit of "
          + maxFrameBytes + " bytes");
    }
    int total = WireProtocol.LENGTH_PREFIX_BYTES + (int) length;
    if (!fill(total)) {
      throw new EOFException("the connection ended in the middle of a frame ("
          + (buffer.remaining() - WireProtocol.LENGTH_PREFIX_BYTES) + " of " + length
          + " bytes)");
    }
    int start = buffer.position() + WireProtocol.LENGTH_PREFIX_BYTES;
    ByteBuffer body = buffer.duplicate().position(start).limit(start + (int) length).slice();
    buffer.position(buffer.position() + total);
    return body;
  }

  /**
   * Reads until at least {@code needed} bytes are buffered.
   *
   * @return false if the channel ended first
   */
  private boolean fill(int needed) throws IOException {
    if (buffer.remaining() >= needed) {
      return true;
    }
    makeRoom(needed);
    buffer.compact(); // write mode: the unread bytes now start at 0
    try {
      while (buffer.position() < needed) {
        int read = channel.read(buffer);
        if (read < 0) {
          return false;
        }
        if (read == 0) {
          // A blocking channel never returns 0 while there is room: this one is non-blocking.
          throw new IOException("the channel returned no bytes; FrameReader needs blocking mode");
        }
      }
      return true;
    } finally {
      buffer.flip();
    }
  }

  /** Grows the buffer if a frame of {@code needed} bytes does not fit (still in read mode). */
  private void makeRoom(int needed) {
    if (buffer.capacity() >= needed) {
      return;
    }
    // Double, so a stream of growing frames does not copy every time; capped by the limit.
    long capacity = Math.max(needed, Math.min(2L * buffer.capacity(),
        (long) maxFrameBytes + WireProtocol.LENGTH_PREFIX_BYTES));
    ByteBuffer larger = ByteBuffer.allocate((int) capacity);
    larger.put(buffer);
    buffer = larger.flip();
  }
}
