package org.ipcbus.itests;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogReaderService;

/** Reads what ipcbus wrote to the OSGi Log service. */
final class LogEntries {

  private LogEntries() {}

  /** Waits for an entry of the ipcbus bundle matching the condition, and returns it. */
  static LogEntry await(BundleContext context, String what, Predicate<LogEntry> condition) {
    return await(context, 10_000, what, condition);
  }

  /** Waits at most the given time for an entry of the ipcbus bundle matching the condition. */
  static LogEntry await(BundleContext context, long millis, String what, Predicate<LogEntry> condition) {
    LogReaderService reader = context.getService(context.getServiceReference(LogReaderService.class));
    LogEntry[] found = new LogEntry[1];
    Await.within(millis, "the log has " + what, () -> {
      Optional<LogEntry> entry = entries(reader).stream()
          .filter(candidate -> "org.ipcbus.impl".equals(candidate.getBundle().getSymbolicName()))
          .filter(condition).findFirst();
      entry.ifPresent(match -> found[0] = match);
      return entry.isPresent();
    });
    return found[0];
  }

  /** @return every entry of the ipcbus bundle so far, newest first */
  static List<LogEntry> all(BundleContext context) {
    return everything(context).stream()
        .filter(entry -> "org.ipcbus.impl".equals(entry.getBundle().getSymbolicName())).toList();
  }

  /** @return every entry of every bundle so far, newest first */
  static List<LogEntry> everything(BundleContext context) {
    return entries(context.getService(context.getServiceReference(LogReaderService.class)));
  }

  private static List<LogEntry> entries(LogReaderService reader) {
    return Collections.list(reader.getLog());
  }
}
