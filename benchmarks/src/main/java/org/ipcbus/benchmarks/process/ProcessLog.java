package org.ipcbus.benchmarks.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipcbus.impl.bus.BusLog;

/**
 * The log of a main that runs renderer processes: notes when each process connected (the
 * {@code RendererProcess} info line "Renderer process 'name' (pid n) connected"), prints the first
 * warnings and errors on standard error and counts them. What a child prints arrives here too (its
 * standard error as warnings), so a count above zero is not by itself a failure.
 */
final class ProcessLog implements BusLog {

  private static final int PRINTED = 20;
  private static final Pattern CONNECTED = Pattern.compile("Renderer process '([^']+)' \\(pid \\d+\\) connected");

  private final Map<String, Long> connectedNanos = new ConcurrentHashMap<>();
  private final AtomicLong reports = new AtomicLong();
  private final boolean verbose;

  /** @param verbose whether info lines are printed too */
  ProcessLog(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public void info(String message) {
    Matcher connected = CONNECTED.matcher(message);
    if (connected.find()) {
      connectedNanos.put(connected.group(1), System.nanoTime());
    }
    if (verbose) {
      System.err.println("[ipcbus info] " + message);
    }
  }

  @Override
  public void warn(String message) {
    if (reports.incrementAndGet() <= PRINTED || verbose) {
      System.err.println("[ipcbus warn] " + message);
    }
  }

  @Override
  public void error(String message, Throwable error) {
    if (reports.incrementAndGet() <= PRINTED || verbose) {
      System.err.println("[ipcbus error] " + message + (error == null ? "" : ": " + error));
    }
  }

  /** @return System.nanoTime() when the process of that name last connected, or null */
  Long connectedNanos(String name) {
    return connectedNanos.get(name);
  }

  /** @return warnings and errors so far */
  long reports() {
    return reports.get();
  }
}
