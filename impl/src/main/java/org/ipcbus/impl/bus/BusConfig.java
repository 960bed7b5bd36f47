package org.ipcbus.impl.bus;

import org.ipcbus.impl.clone.CloneLimits;

/**
 * The settings of a bus.
 *
 * @param syncTimeoutMillis how long {@code sendSync} waits for main's listeners
 * @param invokeTimeoutMillis how long an {@code invoke} waits for its handler's reply
 * @param queueCapacity how many messages one renderer may have waiting for main, and main for one
 *     renderer; a sender finding the queue full waits up to its timeout for room
 * @param queueBytes how many bytes (the size the clone estimates for each message) one renderer may
 *     have waiting for main, and main for one renderer; a sender finding them used up waits up to
 *     its timeout for room, except that one message larger than this passes when the queue holds
 *     no bytes
 * @param cloneLimits the bounds on one cloned message
 * @param slowListenerMillis how long one main listener or handler may run on the dispatch thread
 *     before it is reported as slow
 * @param handOffMillis how long one main listener or handler may hold the dispatch thread before
 *     main leaves it to finish on its own and goes on with the other messages on a new thread
 */
public record BusConfig(long syncTimeoutMillis, long invokeTimeoutMillis, int queueCapacity,
    long queueBytes, CloneLimits cloneLimits, long slowListenerMillis, long handOffMillis) {

  /** The default sendSync and invoke timeout: 30 s. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;
  /** The default queue capacity. */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
  /** The default byte budget of a queue: 64 MiB. */
  public static final long DEFAULT_QUEUE_BYTES = 64L * 1024 * 1024;
  /** The default slow-listener threshold: 1 s. */
  public static final long DEFAULT_SLOW_LISTENER_MILLIS = 1_000;
  /** The default hand-off time: 5 s. */
  public static final long DEFAULT_HAND_OFF_MILLIS = 5_000;
  /** The defaults, with {@link CloneLimits#DEFAULTS}. */
  public static final BusConfig DEFAULTS = new BusConfig(DEFAULT_TIMEOUT_MILLIS,
      DEFAULT_TIMEOUT_MILLIS, DEFAULT_QUEUE_CAPACITY, DEFAULT_QUEUE_BYTES, CloneLimits.DEFAULTS,
      DEFAULT_SLOW_LISTENER_MILLIS, DEFAULT_HAND_OFF_MILLIS);

  /**
   * Returns settings with other timeouts and queue capacity, for tests and benchmarks; the byte
   * budget and the others are left at their defaults.
   *
   * @param syncTimeout the sendSync timeout
   * @param invokeTimeout the invoke timeout
   * @param capacity the queue capacity
   * @return the settings, the others left at their defaults
   */
  public static BusConfig of(long syncTimeout, long invokeTimeout, int capacity) {
    return new BusConfig(syncTimeout, invokeTimeout, capacity, DEFAULT_QUEUE_BYTES, CloneLimits.DEFAULTS,
        DEFAULT_SLOW_LISTENER_MILLIS, DEFAULT_HAND_OFF_MILLIS);
  }

  /**
   * Returns these settings with another byte budget.
   *
   * @param bytes the byte budget of each queue
   * @return the settings
   */
  public BusConfig withQueueBytes(long bytes) {
    return new BusConfig(syncTimeoutMillis, invokeTimeoutMillis, queueCapacity, bytes, cloneLimits,
        slowListenerMillis, handOffMillis);
  }

  /** Checks the settings. */
  public BusConfig {
    if (syncTimeoutMillis < 1) {
      throw new IllegalArgumentException("syncTimeoutMillis must be positive, was " + syncTimeoutMillis);
    }
    if (invokeTimeoutMillis < 1) {
      throw new IllegalArgumentException("invokeTimeoutMillis must be positive, was " + invokeTimeoutMillis);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be positive, was " + queueCapacity);
    }
    if (queueBytes < 1) {
      throw new IllegalArgumentException("queueBytes must be positive, was " + queueBytes);
    }
    if (slowListenerMillis < 1) {
      throw new IllegalArgumentException("slowListenerMillis must be positive, was " + slowListenerMillis);
    }
    if (handOffMillis < 1) {
      throw new IllegalArgumentException("handOffMillis must be positive, was " + handOffMillis);
    }
    if (cloneLimits == null) {
      throw new NullPointerException("cloneLimits");
    }
  }
}
