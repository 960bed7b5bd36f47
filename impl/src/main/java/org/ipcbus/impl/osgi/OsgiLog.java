package org.ipcbus.impl.osgi;

import org.ipcbus.impl.bus.BusLog;
import org.osgi.service.log.Logger;

/** The bus's log, written to the OSGi Log service. */
final class OsgiLog implements BusLog {

  private final Logger logger;

  OsgiLog(Logger logger) {
    this.logger = logger;
  }

  @Override
  public void info(String message) {
    logger.info(message);
  }

  @Override
  public void warn(String message) {
    logger.warn(message);
  }

  @Override
  public void error(String message, Throwable error) {
    logger.error(message, error);
  }
}
