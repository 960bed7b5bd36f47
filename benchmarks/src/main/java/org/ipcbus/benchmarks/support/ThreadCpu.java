package org.ipcbus.benchmarks.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time a named thread has used, per message: how much work one thread does per message,
 * which the share of a core the scheduler gives that thread does not change (throughput on a
 * shared 2-core machine does).
 */
public final class ThreadCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadCpu() {}

  /**
   * @param name the thread's name
   * @return its CPU time so far in nanoseconds, or -1 if no live thread has that name
   */
  public static long nanos(String name) {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals(name)) {
        return THREADS.getThreadCpuTime(thread.getId());
      }
    }
    return -1;
  }

  /**
   * Prints a thread's CPU time per message since a start, for the benchmark's log.
   *
   * @param name the thread's name
   * @param startNanos its CPU time at the start
   * @param messages the messages since the start
   */
  public static void report(String name, long startNanos, long messages) {
    long now = nanos(name);
    if (now >= 0 && messages > 0) {
      System.out.printf("%n%s: %.0f ns of CPU per message (%,d messages)%n", name,
          (double) (now - Math.max(0, startNanos)) / messages, messages);
    }
  }
}
