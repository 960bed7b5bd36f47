package org.ipcbus.impl.process;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When a renderer process that ended is started again: VS Code's rule for its extension host. A
 * process that ended badly is restarted, after a short back-off that doubles with each recent crash,
 * unless it crashed {@code maxCrashes} times within the window; then it stays down until asked.
 * A clean exit is not a crash and is not restarted.
 */
final class RestartPolicy {

  private static final long FIRST_BACK_OFF_MILLIS = 100;
  private static final long LONGEST_BACK_OFF_MILLIS = 5_000;

  private final int maxCrashes;
  private final long windowMillis;
  private final Deque<Long> crashes = new ArrayDeque<>();

  /**
   * @param maxCrashes how many crashes within the window stop the restarts; 0 never restarts
   * @param windowMillis the window
   */
  RestartPolicy(int maxCrashes, long windowMillis) {
    this.maxCrashes = maxCrashes;
    this.windowMillis = windowMillis;
  }

  /**
   * Records a crash and tells how long to wait before starting again.
   *
   * @param nowMillis when it crashed
   * @return the back-off in milliseconds, or -1 if it must not be restarted
   */
  synchronized long crashed(long nowMillis) {
    crashes.addLast(nowMillis);
    while (!crashes.isEmpty() && crashes.peekFirst() < nowMillis - windowMillis) {
      crashes.removeFirst();
    }
    if (crashes.size() >= maxCrashes) {
      return -1;
    }
    long backOff = FIRST_BACK_OFF_MILLIS << Math.min(crashes.size() - 1, 10);
    return Math.min(backOff, LONGEST_BACK_OFF_MILLIS);
  }

  /** @return the crashes within the window, as of the last one */
  synchronized int recentCrashes() {
    return crashes.size();
  }

  /** Forgets the crashes: someone asked for a start. */
  synchronized void reset() {
    crashes.clear();
  }
}
