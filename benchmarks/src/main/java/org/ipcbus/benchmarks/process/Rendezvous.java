package org.ipcbus.benchmarks.process;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One waiting thread, woken by another with a value: how a benchmark thread waits for the answer
 * that a listener on another thread receives. It parks (no spinning), as a thread waiting for
 * {@code sendSync} or a blocking socket read does, and it allocates nothing.
 */
final class Rendezvous {

  /** How long a wait may take before the benchmark fails instead of hanging. */
  static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private volatile Thread waiter;
  private volatile Object value;

  /** Called by the thread that will wait, before it sends what will be answered. */
  void arm() {
    value = null;
    waiter = Thread.currentThread();
  }

  /**
   * Waits for {@link #signal}.
   *
   * @param what what is awaited, for the failure's message
   * @return the value signalled
   * @throws IllegalStateException if nothing came within 30 s
   */
  Object await(String what) {
    Object answer = value;
    if (answer != null) {
      return answer;
    }
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while ((answer = value) == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("no answer within 30 s: " + what);
      }
      LockSupport.parkNanos(this, left);
    }
    return answer;
  }

  /**
   * Hands the waiting thread its value.
   *
   * @param answer not null
   */
  void signal(Object answer) {
    value = answer;
    Thread thread = waiter;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }
}
