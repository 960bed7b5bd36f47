package org.ipcbus.impl.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A BusLog that keeps what it is told, for assertions. */
final class RecordingLog implements BusLog {

  final List<String> warnings = new CopyOnWriteArrayList<>();
  final List<String> errors = new CopyOnWriteArrayList<>();

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void error(String message, Throwable error) {
    errors.add(message + ": " + error);
  }
}
