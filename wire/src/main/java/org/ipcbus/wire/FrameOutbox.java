package org.ipcbus.wire;

import java.io.IOException;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The sending side of a connection: frames are queued by any thread and written, in queue order, by
 * one writer thread that takes everything queued so far into one gathering write, so that many
 * small messages cost one system call. Senders never wait for the socket, except that frames posted
 * with {@link #postBounded} wait while the frames queued that way hold {@code budgetBytes}: that is
 * how a slow reader on the other side pushes back on a flood of messages (replies and control
 * frames are never held up: their number is bounded by the calls made).
 *
 * <p>A frame someone waits for (a synchronous call, its reply) can be posted with
 * {@link #postNow}: when nothing is queued or being written, the posting thread writes it itself,
 * which saves waking the writer thread on both sides of a round trip. On a
 * {@link NonBlockingSocket} that write never waits for the peer; what does not fit is left to the
 * writer thread.
 */
public final class FrameOutbox implements AutoCloseable {

  /** How many frames one gathering write takes at most. */
  private static final int BATCH = 256;
  /**
   * What a queued frame costs the heap besides its body (the array header, the queue entry and its
   * record), counted against the budget too: otherwise a flood of tiny frames, each a few bytes of
   * budget, could hold the heap many times the budget.
   */
  static final int FRAME_OVERHEAD_BYTES = 96;

  private final FrameWriter writer;
  private final int maxFrameBytes;
  private final long budgetBytes;
  private final Consumer<IOException> onFailure;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition queued = lock.newCondition();
  private final Condition room = lock.newCondition();
  private final ArrayDeque<Frame> frames = new ArrayDeque<>();
  private final Thread writerThread;
  private final AtomicBoolean failed = new AtomicBoolean();
  private final boolean canWriteWithoutWaiting;
  private long boundedBytes;
  /** Whether a thread writes to the channel now: the writer thread or a {@link #postNow} caller. */
  private boolean writing;
  /** Whether the writer holds the rest of a frame that a {@link #postNow} could not write at once. */
  private boolean leftOver;
  private boolean closing;
  private boolean closed;

  private record Frame(byte[] body, boolean bounded) {}

  /**
   * Starts the writer thread.
   *
   * @param channel the connection, in blocking mode
   * @param maxFrameBytes the largest frame body the other side accepts
   * @param budgetBytes how many bytes of bounded frames, each with {@value #FRAME_OVERHEAD_BYTES}
   *     bytes of overhead, may wait at once (one larger frame still passes alone)
   * @param threadName the writer thread's name
   * @param onFailure told once if writing fails (the other side is gone); the outbox is then closed
   */
  public FrameOutbox(GatheringByteChannel channel, int maxFrameBytes, long budgetBytes, String threadName,
      Consumer<IOException> onFailure) {
    this.writer = new FrameWriter(channel, maxFrameBytes);
    this.canWriteWithoutWaiting = channel instanceof NonBlockingSocket;
    this.maxFrameBytes = maxFrameBytes;
    this.budgetBytes = budgetBytes;
    this.onFailure = onFailure;
    this.writerThread = new Thread(this::writeLoop, threadName);
    writerThread.setDaemon(true);
    writerThread.start();
  }

  /**
   * Queues a frame without waiting: a reply, a control frame.
   *
   * @param body the frame's body, one encoded message
   * @return false if the outbox is closed and the frame was dropped
   * @throws WireFormatException if the frame is larger than the other side accepts; nothing is queued
   */
  public boolean post(byte[] body) {
    checkSize(body);
    lock.lock();
    try {
      if (closing) {
        return false;
      }
      frames.addLast(new Frame(body, false));
      queued.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends a frame that someone waits for: written at once by the calling thread when nothing is
   * queued or being written (on a {@link NonBlockingSocket} without waiting for the peer: what does
   * not fit goes on with the writer thread), else queued after the frames before it.
   *
   * @param body the frame's body, one encoded message
   * @return false if the outbox is closed, or writing failed, and the frame was dropped
   * @throws WireFormatException if the frame is larger than the other side accepts; nothing is sent
   */
  public boolean postNow(byte[] body) {
    if (!canWriteWithoutWaiting) {
      return post(body);
    }
    checkSize(body);
    lock.lock();
    try {
      if (closing) {
        return false;
      }
      if (writing || leftOver || !frames.isEmpty()) {
        frames.addLast(new Frame(body, false));
        queued.signal();
        return true;
      }
      writing = true;
    } finally {
      lock.unlock();
    }
    boolean allWritten = false;
    try {
      writer.enqueue(body);
      allWritten = writer.flushWithoutWaiting();
      return true;
    } catch (IOException e) {
      fail(e);
      return false;
    } finally {
      lock.lock();
      try {
        writing = false;
        leftOver = !allWritten && !closed;
        if (leftOver || closing || !frames.isEmpty()) {
          queued.signal(); // the writer thread waits for this write to end
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Queues a frame, first waiting while the bounded frames already queued hold the budget.
   *
   * @param body the frame's body
   * @param timeoutMillis how long to wait for room at most
   * @return false if the outbox is closed and the frame was dropped
   * @throws InterruptedException if interrupted while waiting
   * @throws TimeoutException if there was no room within the timeout
   * @throws WireFormatException if the frame is larger than the other side accepts; nothing is queued
   */
  public boolean postBounded(byte[] body, long timeoutMillis) throws InterruptedException, TimeoutException {
    checkSize(body);
    long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lock();
    try {
      long cost = costOf(body);
      while (!closing && boundedBytes > 0 && boundedBytes + cost > budgetBytes) {
        if (nanos <= 0) {
          throw new TimeoutException("the other side read nothing while "
              + boundedBytes + " bytes waited for it for " + timeoutMillis + " ms");
        }
        nanos = room.awaitNanos(nanos);
      }
      if (closing) {
        return false;
      }
      boundedBytes += cost;
      frames.addLast(new Frame(body, true));
      queued.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** @return the bytes of bounded frames waiting now */
  public long boundedBytes() {
    lock.lock();
    try {
      return boundedBytes;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes what is queued, then stops the writer; later posts are dropped.
   *
   * @param millis how long to wait for the queued frames to be written
   */
  public void flushAndClose(long millis) {
    lock.lock();
    try {
      closing = true;
      queued.signal();
      room.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      writerThread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  /** Stops at once; queued frames are dropped. */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      closed = true;
      frames.clear();
      boundedBytes = 0;
      queued.signal();
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void writeLoop() {
    List<Frame> batch = new ArrayList<>(BATCH);
    try {
      while (true) {
        lock.lock();
        try {
          while (writing || (frames.isEmpty() && !leftOver && !closing)) {
            queued.await();
          }
          if ((frames.isEmpty() && !leftOver) || closed) {
            return;
          }
          while (!frames.isEmpty() && batch.size() < BATCH) {
            batch.add(frames.pollFirst());
          }
          writing = true;
          leftOver = false; // the flush below writes it first
        } finally {
          lock.unlock();
        }
        try {
          write(batch);
        } finally {
          lock.lock();
          try {
            writing = false;
          } finally {
            lock.unlock();
          }
        }
        release(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      fail(e);
    }
  }

  /** Writes the batch after whatever a {@link #postNow} left, waiting until all is out. */
  private void write(List<Frame> batch) throws IOException {
    for (Frame frame : batch) {
      writer.enqueue(frame.body());
    }
    writer.flush();
  }

  /** Closes the outbox after a failed write and tells the owner, once. */
  private void fail(IOException e) {
    close();
    if (failed.compareAndSet(false, true)) {
      onFailure.accept(e);
    }
  }

  private static long costOf(byte[] body) {
    return (long) body.length + FRAME_OVERHEAD_BYTES;
  }

  private void checkSize(byte[] body) {
    if (body.length > maxFrameBytes) {
      throw new WireFormatException("a message of " + body.length + " bytes is larger than the "
          + maxFrameBytes + " bytes the other side accepts");
    }
  }

  private void release(List<Frame> batch) {
    long released = 0;
    for (Frame frame : batch) {
      if (frame.bounded()) {
        released += costOf(frame.body());
      }
    }
    if (released > 0) {
      lock.lock();
      try {
        boundedBytes -= released;
        room.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
