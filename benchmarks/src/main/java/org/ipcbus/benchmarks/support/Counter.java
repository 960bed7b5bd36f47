package org.ipcbus.benchmarks.support;

import java.util.concurrent.atomic.LongAdder;

/** What every consumer in the benchmarks does with a message: count it (thread safe, cheap). */
public final class Counter {

  private final LongAdder count = new LongAdder();

  /** Counts one message. */
  public void increment() {
    count.increment();
  }

  /** @return the messages counted so far */
  public long sum() {
    return count.sum();
  }
}
