package org.ipcbus.impl.bus;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcTimeoutException;

/**
 * Bounds the messages one sender has waiting in one queue. A sender that finds it full waits for
 * room up to a timeout: that is the bus's backpressure, and it keeps memory bounded.
 */
final class QueueLimit {

  private final String queueName;
  private final Room room;
  private int capacity;

  /**
   * @param queueName the queue, for messages, e.g. "main's queue for WebContents 3"
   * @param capacity how many messages may wait
   */
  QueueLimit(String queueName, int capacity) {
    this.queueName = queueName;
    this.capacity = capacity;
    this.room = new Room(capacity);
  }

  /**
   * Takes a place for one message.
   *
   * @param timeoutMillis how long to wait for room
   * @throws IpcTimeoutException if the queue stayed full
   */
  void enter(long timeoutMillis) {
    if (room.tryAcquire()) {
      return;
    }
    try {
      if (room.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpcException("interrupted while waiting for room in " + queueName, e);
    }
    throw new IpcTimeoutException(queueName + " stayed full (" + capacity + " messages) for "
        + timeoutMillis + " ms");
  }

  /** Gives back the place of a message that left the queue. */
  void leave() {
    room.release();
  }

  /**
   * Changes the capacity; messages already queued stay queued, and if there are more than the new
   * capacity, senders wait until enough have left.
   *
   * @param newCapacity the new capacity
   */
  synchronized void resize(int newCapacity) {
    int change = newCapacity - capacity;
    if (change > 0) {
      room.release(change);
    } else if (change < 0) {
      room.shrink(-change);
    }
    capacity = newCapacity;
  }

  /** A semaphore that can shrink, which Semaphore allows its subclasses only. */
  private static final class Room extends Semaphore {
    private static final long serialVersionUID = 1L;

    Room(int permits) {
      super(permits);
    }

    void shrink(int permits) {
      reducePermits(permits);
    }
  }
}
