package org.ipcbus.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes frames to a channel in blocking mode: each body gets its 4-byte big-endian length prefix.
 * Frames can be queued and then written together with one gathering write (a single writev(2) for
 * a socket), which is how many small messages share one system call.
 *
 * <p>Not thread safe: one writer thread per connection, or callers that synchronize.
 */
public final class FrameWriter {

  private final WritableByteChannel channel;
  private final int maxFrameBytes;
  /** Length prefix and body of each queued frame, in order. */
  private final List<ByteBuffer> queued = new ArrayList<>();

  /**
   * Creates a writer.
   *
   * @param channel a channel in blocking mode
   * @param maxFrameBytes the largest frame body the peer accepts, see
   *     {@link WireLimits#maxFrameBytes()}
   */
  public FrameWriter(WritableByteChannel channel, int maxFrameBytes) {
    if (maxFrameBytes < 1 || maxFrameBytes > WireLimits.HIGHEST_MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be from 1 to "
          + WireLimits.HIGHEST_MAX_FRAME_BYTES + ", was " + maxFrameBytes);
    }
    this.channel = channel;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Queues a frame; nothing is written until {@link #flush()}. The body is not copied: do not
   * change it before the flush.
   *
   * @param body a frame body, e.g. from {@link MessageCodec#encode}
   * @throws WireFormatException if the body is empty or larger than the peer's limit (nothing is
   *     queued then, and the connection stays usable)
   */
  public void enqueue(byte[] body) {
    if (body.length == 0) {
      throw new WireFormatException("a frame cannot be empty");
    }
    if (body.length > maxFrameBytes) {
      throw new WireFormatException("frame of " + body.length + " bytes exceeds the limit of "
          + maxFrameBytes + " bytes");
    }
    queued.add(ByteBuffer.allocate(WireProtocol.LENGTH_PREFIX_BYTES).putInt(0, body.length));
    queued.add(ByteBuffer.wrap(body));
  }

  /**
   * How many frames are queued.
   *
   * @return the number of frames {@link #flush()} would write
   */
  public int queuedFrames() {
    return (queued.size() + 1) / 2; // a frame partly written may have only its body left
  }

  /**
   * Writes every queued frame, with as few gathering writes as the channel allows, and empties
   * the queue.
   *
   * @throws IOException if writing fails; frames may then have been written in part, and the
   *     connection must be closed
   */
  public void flush() throws IOException {
    if (queued.isEmpty()) {
      return;
    }
    ByteBuffer[] buffers = queued.toArray(new ByteBuffer[0]);
    queued.clear();
    if (channel instanceof GatheringByteChannel gathering) {
      // The JDK writes at most IOV_MAX (1024 on Linux) buffers per call; go on until all are out.
      int first = 0;
      while (first < buffers.length) {
        gathering.write(buffers, first, buffers.length - first);
        while (first < buffers.length && !buffers[first].hasRemaining()) {
          first++;
        }
      }
    } else {
      for (ByteBuffer buffer : buffers) {
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    }
  }

  /**
   * Writes what of the queued frames the channel takes at once, without waiting for the peer to
   * read, if the channel is a {@link NonBlockingSocket} out of blocking mode (any other channel
   * writes everything). What did not fit stays queued, in order, for the next flush.
   *
   * @return true if nothing is left queued
   * @throws IOException if writing fails; the connection must then be closed
   */
  public boolean flushWithoutWaiting() throws IOException {
    if (!(channel instanceof NonBlockingSocket socket)) {
      flush();
      return true;
    }
    ByteBuffer[] buffers = queued.toArray(new ByteBuffer[0]);
    queued.clear();
    try {
      socket.writeWithoutWaiting(buffers);
    } finally {
      for (ByteBuffer buffer : buffers) {
        if (buffer.hasRemaining()) {
          queued.add(buffer);
        }
      }
    }
    return queued.isEmpty();
  }

  /**
   * Writes one frame now, after any queued ones.
   *
   * @param body a frame body
   * @throws WireFormatException if the body is empty or larger than the peer's limit
   * @throws IOException if writing fails
   */
  public void write(byte[] body) throws IOException {
    enqueue(body);
    flush();
  }
}
