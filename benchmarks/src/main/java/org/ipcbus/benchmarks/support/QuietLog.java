package org.ipcbus.benchmarks.support;

import java.util.concurrent.atomic.AtomicLong;

import org.ipcbus.impl.bus.BusLog;

/** A BusLog for benchmarks: counts what the bus reports and prints the first few on stderr. */
public final class QuietLog implements BusLog {

  private static final int PRINTED = 5;
  private final AtomicLong reports = new AtomicLong();

  @Override
  public void warn(String message) {
    if (reports.incrementAndGet() <= PRINTED) {
      System.err.println("[ipcbus warn] " + message);
    }
  }

  @Override
  public void error(String message, Throwable error) {
    if (reports.incrementAndGet() <= PRINTED) {
      System.err.println("[ipcbus error] " + message + ": " + error);
    }
  }

  /** @return how many warnings and errors the bus reported */
  public long reports() {
    return reports.get();
  }
}
