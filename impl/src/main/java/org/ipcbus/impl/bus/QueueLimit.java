package org.ipcbus.impl.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.ipcbus.api.IpcClosedException;
import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcTimeoutException;

/**
 * Bounds what one sender has waiting in one queue: at most {@code capacity} messages and at most
 * {@code budget} bytes (the size the clone estimated for each message). A sender that finds either
 * bound reached waits for room up to a timeout: that is the bus's backpressure, and it keeps memory
 * bounded. One message larger than the whole budget still enters a queue that holds no bytes, alone.
 *
 * <p>The uncontended path takes no lock: {@link #enter} and {@link #leave} are a few atomic updates
 * of two adjacent fields. Only a sender that has to wait takes the lock, and {@link #leave} takes it
 * only to wake such a sender. A sender counts itself in {@code waiters} before it looks at the room
 * again, and {@code leave} gives the room back before it looks at {@code waiters}, so one of the two
 * always sees the other: no wake-up is lost.
 */
final class QueueLimit {

  private static final VarHandle MESSAGES;
  private static final VarHandle BYTES;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MESSAGES = lookup.findVarHandle(QueueLimit.class, "messages", long.class);
      BYTES = lookup.findVarHandle(QueueLimit.class, "bytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String queueName;
  /** The messages in the queue, and their estimated bytes; updated through the VarHandles. */
  private volatile long messages;
  private volatile long bytes;
  private volatile int capacity;
  private volatile long budget;
  /** Senders waiting for room; changed only under the lock. */
  private volatile int waiters;
  /** Why the queue is gone (its renderer was destroyed), or null while it is open. */
  private volatile String closed;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();

  /**
   * @param queueName the queue, for messages, e.g. "main's queue for WebContents 3"
   * @param capacity how many messages may wait
   * @param budget how many bytes may wait
   */
  QueueLimit(String queueName, int capacity, long budget) {
    this.queueName = queueName;
    this.capacity = capacity;
    this.budget = budget;
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
    if (!tryEnter(size)) {
      await(size, timeoutMillis);
    }
  }

  /**
   * Gives back the place of a message that left the queue (main took it) or was dropped.
   *
   * @param size the size it entered with
   */
  void leave(long size) {
    MESSAGES.getAndAdd(this, -1L);
    if (size != 0) {
      BYTES.getAndAdd(this, -size);
    }
    wakeWaiters();
  }

  /**
   * Changes the bounds; messages already queued stay queued, and if they are past the new bounds,
   * senders wait until enough have left.
   *
   * @param newCapacity the new message capacity
   * @param newBudget the new byte budget
   */
  void resize(int newCapacity, long newBudget) {
    capacity = newCapacity;
    budget = newBudget;
    wakeWaiters();
  }

  /**
   * Closes the queue: senders waiting for room, and those that come to wait later, end with an
   * {@link IpcClosedException} with the given message. Messages still in the queue may leave.
   *
   * @param why the message of the exception
   */
  void close(String why) {
    closed = why;
    lock.lock();
    try {
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** @return the messages in the queue */
  long messages() {
    return messages;
  }

  /** @return the estimated bytes of the messages in the queue */
  long bytes() {
    return bytes;
  }

  /**
   * Takes a place if there is room, without waiting. Both bounds are looked at first, so that a
   * sender that does not fit changes nothing; a place taken and then given back happens only when
   * another sender took the bytes in between.
   */
  private boolean tryEnter(long size) {
    long inQueue;
    do {
      inQueue = messages;
      if (inQueue >= capacity || !fits(bytes, size)) {
        return false;
      }
    } while (!MESSAGES.weakCompareAndSet(this, inQueue, inQueue + 1));
    if (size == 0) {
      return true;
    }
    long used;
    do {
      used = bytes;
      if (!fits(used, size)) {
        leave(0); // lost the bytes to another sender: give the place back, and wake who saw it taken
        return false;
      }
    } while (!BYTES.weakCompareAndSet(this, used, used + size));
    return true;
  }

  /** A message fits if the budget has room for it, or if it is alone: no bytes are queued. */
  private boolean fits(long used, long size) {
    return used == 0 || size <= budget - used;
  }

  private void await(long size, long timeoutMillis) {
    long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lock();
    try {
      waiters++;
      try {
        // Looked at again after counting as a waiter: a leave before it has made room already.
        while (!tryEnter(size)) {
          String why = closed;
          if (why != null) {
            throw new IpcClosedException(why);
          }
          if (nanos <= 0) {
            throw full(size, timeoutMillis);
          }
          nanos = room.awaitNanos(nanos);
        }
      } finally {
        waiters--;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpcException("interrupted while waiting for room in " + queueName, e);
    } finally {
      lock.unlock();
    }
  }

  private IpcTimeoutException full(long size, long timeoutMillis) {
    if (messages >= capacity) {
      return new IpcTimeoutException(queueName + " stayed full (" + capacity + " messages) for "
          + timeoutMillis + " ms");
    }
    return new IpcTimeoutException(queueName + " stayed full (" + budget + " bytes) for "
        + timeoutMillis + " ms; the message has " + size + " bytes");
  }

  private void wakeWaiters() {
    if (waiters != 0) {
      lock.lock();
      try {
        room.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
