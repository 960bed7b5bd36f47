package org.ipcbus.host;

import java.io.PrintStream;

/**
 * The host's log: its process's standard error, which main copies line by line into main's own log
 * under the process's name. So what goes wrong in a renderer process shows where main's operator
 * looks, with no log service needed in the child.
 */
final class HostLog {

  private final PrintStream out;

  HostLog(PrintStream out) {
    this.out = out;
  }

  void warn(String message) {
    out.println("WARN  ipcbus renderer host: " + message);
  }

  void error(String message, Throwable error) {
    synchronized (out) {
      out.println("ERROR ipcbus renderer host: " + message + ": " + error);
      error.printStackTrace(out);
    }
  }
}
