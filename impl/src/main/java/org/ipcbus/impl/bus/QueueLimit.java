package org.ipcbus.impl.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcTimeoutException;

/**
 * Bounds what one sender has waiting in one queue: at most {@code capacity} messages and at most
 * {@code budget} bytes (the size the clone estimated for each message). A sender that finds either
 * bound reached waits for room up to a timeout: that is the bus's backpressure, and it keeps memory
 * bounded. One message larger than the whole budget still enters a queue that holds no bytes, alone.
 * Waiting senders are woken when a 64th of the queue is free, not at every message taken, so that
 * the taker does not pay a wake-up per message while senders outpace it.
 */
final class QueueLimit {

  /** Waiting senders are woken when this fraction of each bound is free; see Room.tryReleaseShared. */
  static final int WAKE_FRACTION = 64;

  private final String queueName;
  private final Room room;
  /**
   * The wake-up share of each bound (see {@link #isWakeStep}), kept here apart from the room's
   * counters: a taker reads them per message, and the counters' cache line is the senders'.
   */
  private volatile int countStep;
  private volatile long byteStep;

  /**
   * @param queueName the queue, for messages, e.g. "main's queue for WebContents 3"
   * @param capacity how many messages may wait
   * @param budget how many bytes may wait
   */
  QueueLimit(String queueName, int capacity, long budget) {
    this.queueName = queueName;
    this.room = new Room(capacity, budget);
    steps(capacity, budget);
  }

  private void steps(int capacity, long budget) {
    countStep = (int) Room.wakeStep(capacity);
    byteStep = Room.wakeStep(budget);
  }

  /**
   * Takes a place for one message of the given size.
   *
   * @param size the estimated size of the message, in bytes
   * @param timeoutMillis how long to wait for room
   * @throws IpcTimeoutException if the queue stayed full
   * @throws IpcClosedException if the queue is closed, or closes while the sender waits
   */
  void enter(long size, long timeoutMillis) {
    if (room.tryAcquireShared(size) >= 0) {
      return;
    }
    try {
      // Once more at the deadline: waiting senders are woken only when a few places are free
      // (Room.tryReleaseShared), so there may be room that nobody woke this sender for.
      if (room.tryAcquireSharedNanos(size, TimeUnit.MILLISECONDS.toNanos(timeoutMillis))
          || room.tryAcquireShared(size) >= 0) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpcException("interrupted while waiting for room in " + queueName, e);
    }
    if (room.messages >= room.capacity) {
      throw new IpcTimeoutException(queueName + " stayed full (" + room.capacity + " messages) for "
          + timeoutMillis + " ms");
    }
    throw new IpcTimeoutException(queueName + " stayed full (" + room.budget + " bytes) for "
        + timeoutMillis + " ms; the message has " + size + " bytes");
  }

  /**
   * Gives back the place of a message that left the queue (it was taken, or dropped).
   *
   * @param size the size it entered with
   */
  void leave(long size) {
    room.releaseShared(size);
  }

  /**
   * Gives back the places of several messages at once, for a taker that gives back per batch
   * ({@link RoomReturns}): one update of each counter instead of one per message.
   *
   * @param count how many messages left
   * @param size the bytes they entered with, together
   */
  void leave(int count, long size) {
    if (room.giveBack(count, size)) {
      room.releaseShared(Room.WAKE);
    }
  }

  /**
   * Tells whether places held back by a taker that gives back per batch are worth a wake-up:
   * the share of either bound at which waiting senders are woken. Below it, a batch holds back
   * less than a 64th of the queue.
   *
   * @param count the messages held back
   * @param size their bytes
   * @return true if they should be given back now
   */
  boolean isWakeStep(int count, long size) {
    return count >= countStep || size >= byteStep;
  }

  /**
   * Changes the bounds; messages already queued stay queued, and if they are past the new bounds,
   * senders wait until enough have left.
   *
   * @param capacity the new message capacity
   * @param budget the new byte budget
   */
  void resize(int capacity, long budget) {
    room.capacity = capacity;
    room.budget = budget;
    steps(capacity, budget);
    room.releaseShared(Room.WAKE);
  }

  /**
   * Closes the queue: senders waiting for room, and those that come later, end with an
   * {@link IpcClosedException} with the given message. Messages still in the queue may leave.
   *
   * @param why the message of the exception
   */
  void close(String why) {
    room.closed = why;
    room.releaseShared(Room.WAKE);
  }

  /** @return whether a sender waits for room now */
  boolean hasWaitingSenders() {
    return room.hasQueuedThreads();
  }

  /** @return the messages in the queue */
  long messages() {
    return room.messages;
  }

  /** @return the estimated bytes of the messages in the queue */
  long bytes() {
    return room.bytes;
  }

  /**
   * The room of a queue, as a synchronizer whose permits are a place and a message's bytes: it
   * keeps its own two counters (the queue's state is two numbers, not one) and leaves to the
   * synchronizer the queueing, parking and waking of waiting senders, which it does without a lock
   * and without a lost wake-up. The uncontended path is a few atomic updates of adjacent fields.
   */
  private static final class Room extends AbstractQueuedLongSynchronizer {
    private static final long serialVersionUID = 1L;
    /** A release that gives back nothing, only wakes the waiting senders to look again. */
    static final long WAKE = -1;

    private static final VarHandle MESSAGES;
    private static final VarHandle BYTES;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MESSAGES = lookup.findVarHandle(Room.class, "messages", long.class);
        BYTES = lookup.findVarHandle(Room.class, "bytes", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** The messages in the queue and their estimated bytes; updated through the VarHandles. */
    volatile long messages;
    volatile long bytes;
    volatile int capacity;
    volatile long budget;
    /** Why the queue is gone (its renderer was destroyed), or null while it is open. */
    volatile String closed;

    Room(int capacity, long budget) {
      this.capacity = capacity;
      this.budget = budget;
    }

    /**
     * Takes a place and the bytes of a message if both fit. Both bounds are looked at before
     * anything is taken, so a sender that does not fit changes nothing; a place is taken and given
     * back only when another sender took the bytes in between.
     *
     * @return 1 if taken, -1 if there is no room
     */
    @Override
    protected long tryAcquireShared(long size) {
      String why = closed;
      if (why != null) {
        throw new IpcClosedException(why); // the synchronizer takes the sender out of its queue
      }
      long inQueue;
      do {
        inQueue = messages;
        if (inQueue >= capacity || !fits(bytes, size)) {
          return -1;
        }
      } while (!MESSAGES.weakCompareAndSet(this, inQueue, inQueue + 1));
      if (size == 0) {
        return 1;
      }
      long used;
      do {
        used = bytes;
        if (!fits(used, size)) {
          releaseShared(0); // the place back (which wakes senders if the queue has room for a few)
          return -1;
        }
      } while (!BYTES.weakCompareAndSet(this, used, used + size));
      return 1;
    }

    /** A message fits if the budget has room for it, or if it is alone: no bytes are queued. */
    private boolean fits(long used, long size) {
      return used == 0 || size <= budget - used;
    }

    /**
     * Gives back a place and its bytes, and says whether to wake the waiting senders: only when
     * the queue has room for a few messages, a 64th of each bound (or is empty of bytes). A sender
     * waits only on a full queue, so while senders outpace the taker the queue stays near full,
     * and waking one sender per message taken cost the taker (main's thread) an unpark for every
     * message. This way one wake-up lets the woken senders in for a 64th of the queue; none waits
     * for good, since a full queue drains below the mark unless its taker stalls.
     */
    @Override
    protected boolean tryReleaseShared(long size) {
      return size == WAKE || giveBack(1, size);
    }

    /**
     * Gives back places and their bytes.
     *
     * @return whether the waiting senders should be woken: see {@link #tryReleaseShared}
     */
    boolean giveBack(long count, long size) {
      long left = (long) MESSAGES.getAndAdd(this, -count) - count;
      long used = size == 0 ? bytes : (long) BYTES.getAndAdd(this, -size) - size;
      return left <= capacity - wakeStep(capacity) && (used == 0 || used <= budget - wakeStep(budget));
    }

    /** @return the share of a bound that is worth waking senders for: a 64th, at least 1 */
    static long wakeStep(long bound) {
      return Math.max(1, bound / WAKE_FRACTION);
    }
  }
}
