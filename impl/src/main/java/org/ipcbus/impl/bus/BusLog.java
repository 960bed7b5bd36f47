package org.ipcbus.impl.bus;

/**
 * Where the bus reports what goes wrong; in a framework this is the OSGi Log service, in unit tests
 * a recorder. Kept this small so that the bus is plain Java.
 */
public interface BusLog {

  /**
   * Reports something worth knowing that is not a problem, such as what a renderer process printed.
   *
   * @param message what happened
   */
  default void info(String message) {}

  /**
   * Reports something that is probably a mistake but harms nothing else.
   *
   * @param message what happened
   */
  void warn(String message);

  /**
   * Reports a failure of user code or of the bus.
   *
   * @param message what happened, with channel and sender
   * @param error what was thrown
   */
  void error(String message, Throwable error);
}
