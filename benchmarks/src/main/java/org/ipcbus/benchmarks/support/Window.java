package org.ipcbus.benchmarks.support;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The in-flight bound given to peers that have none of their own (EventAdmin postEvent, the Vert.x
 * event bus): a sender takes a permit before it sends, the consumer gives it back. ipcbus bounds a
 * renderer's queue the same way (a semaphore of {@code queueCapacity} permits), so every peer of the
 * throughput scenario runs with the same backpressure and none can fill the heap.
 */
public final class Window {

  private final Semaphore permits;

  /** @param capacity how many messages may be in flight */
  public Window(int capacity) {
    this.permits = new Semaphore(capacity);
  }

  /** Takes a place for one message, waiting if the window is full. */
  public void enter() {
    if (!permits.tryAcquire()) {
      permits.acquireUninterruptibly();
    }
  }

  /**
   * Waits until every message in flight was consumed, so that the peer can be stopped without
   * dropping queued messages.
   *
   * @param capacity the capacity the window was made with
   * @param timeoutMillis how long to wait at most
   * @return true if everything was consumed in time
   */
  public boolean awaitDrained(int capacity, long timeoutMillis) {
    try {
      if (permits.tryAcquire(capacity, timeoutMillis, TimeUnit.MILLISECONDS)) {
        permits.release(capacity);
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** Gives back the place of a message that was consumed. */
  public void leave() {
    permits.release();
  }
}
