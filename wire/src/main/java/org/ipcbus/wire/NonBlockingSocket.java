package org.ipcbus.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A connected socket that can also be written without waiting: {@link #read} and {@link #write}
 * wait as a blocking channel's do (first in blocking mode, later in a selector, one for reads and
 * one for writes), and {@link #writeWithoutWaiting} writes what the socket takes at once.
 *
 * <p>Why: a reply or a synchronous call is written fastest by the thread that has it, without
 * waking a writer thread; but that thread may be main's dispatch thread, which a peer that stops
 * reading must never hold up. With the socket in non-blocking mode, such a write takes what fits
 * and leaves the rest to the writer thread ({@link FrameOutbox#postNow}).
 *
 * <p>It starts in blocking mode (a handshake reads and writes plainly); {@link #stopBlocking}
 * switches it once no thread is reading or writing. One thread reads and one writes at a time.
 */
public final class NonBlockingSocket implements ByteChannel, GatheringByteChannel {

  private final SocketChannel channel;
  private volatile Selector readable;
  private volatile Selector writable;
  private volatile long spinNanos;

  /**
   * Wraps a connected socket, still in blocking mode.
   *
   * @param channel the connected socket
   */
  public NonBlockingSocket(SocketChannel channel) {
    this.channel = channel;
  }

  /**
   * Puts the socket in non-blocking mode: from now on reads and writes wait in selectors, and
   * {@link #writeWithoutWaiting} never waits. Call it when no thread reads or writes.
   *
   * @param readSpinMicros how long a read that finds nothing tries again before it waits in its
   *     selector: waking a parked thread costs tens of microseconds on some machines, so in a
   *     quick exchange of frames a short spin can halve a round trip, at the price of a busy core
   *     while it spins; 0 never spins
   * @throws IOException if the socket is closed or the selectors cannot be opened
   */
  public void stopBlocking(long readSpinMicros) throws IOException {
    if (readSpinMicros < 0) {
      throw new IllegalArgumentException("readSpinMicros must not be negative, was " + readSpinMicros);
    }
    spinNanos = readSpinMicros * 1_000;
    channel.configureBlocking(false);
    Selector forReads = Selector.open();
    Selector forWrites = Selector.open();
    channel.register(forReads, SelectionKey.OP_READ);
    channel.register(forWrites, SelectionKey.OP_WRITE);
    readable = forReads;
    writable = forWrites;
  }

  /** @return the socket itself, e.g. for its options */
  public SocketChannel channel() {
    return channel;
  }

  /** Reads at least one byte if there is room, waiting as a blocking read does; -1 at the end. */
  @Override
  public int read(ByteBuffer target) throws IOException {
    int read = channel.read(target);
    if (read != 0 || !target.hasRemaining() || readable == null) {
      return read;
    }
    long spin = spinNanos;
    long deadline = System.nanoTime() + spin;
    while (spin > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      read = channel.read(target);
      if (read != 0) {
        return read;
      }
    }
    while (true) {
      await(readable);
      read = channel.read(target);
      if (read != 0) {
        return read;
      }
    }
  }


  /** Writes all of the buffer, waiting as a blocking write does. */
  @Override
  public int write(ByteBuffer source) throws IOException {
    return (int) write(new ByteBuffer[] {source}, 0, 1);
  }

  /** Writes all of the buffers, waiting as a blocking write does. */
  @Override
  public long write(ByteBuffer[] sources) throws IOException {
    return write(sources, 0, sources.length);
  }

  /** Writes all of the buffers, waiting as a blocking write does. */
  @Override
  public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
    long written = 0;
    int first = offset;
    int end = offset + length;
    while (first < end) {
      long wrote = channel.write(sources, first, end - first);
      written += wrote;
      while (first < end && !sources[first].hasRemaining()) {
        first++;
      }
      if (wrote == 0 && first < end) {
        await(writable);
      }
    }
    return written;
  }

  /**
   * Writes what the socket takes now, never waiting (in blocking mode: everything, waiting).
   *
   * @param sources the buffers, written in order; their positions say how far each went
   * @throws IOException if writing fails
   */
  public void writeWithoutWaiting(ByteBuffer[] sources) throws IOException {
    if (writable == null) {
      write(sources);
    } else {
      channel.write(sources);
    }
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  /** Closes the socket; a thread waiting to read or write ends with AsynchronousCloseException. */
  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      closeQuietly(readable); // wakes a thread waiting in it
      closeQuietly(writable);
    }
  }

  private void await(Selector selector) throws IOException {
    try {
      selector.select();
      selector.selectedKeys().clear();
    } catch (ClosedSelectorException e) {
      throw new AsynchronousCloseException();
    }
    if (!channel.isOpen()) {
      throw new AsynchronousCloseException();
    }
  }

  private static void closeQuietly(Selector selector) {
    if (selector != null) {
      try {
        selector.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
