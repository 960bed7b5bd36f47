package org.ipcbus.itests;

import java.util.function.BooleanSupplier;

/** Waits for a condition that other threads make true. */
final class Await {

  private Await() {}

  static void until(String what, BooleanSupplier condition) {
    within(10_000, what, condition);
  }

  /** Waits at most the given time, for what takes longer than 10 s on a busy machine or must take less. */
  static void within(long millis, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + millis + " ms waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }
}
