package org.ipcbus.webconsole.internal;

/**
 * A request the plugin refuses, with the HTTP status to answer and a message that names what was
 * wrong, shown as is on the page.
 */
final class BadRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  /** A 400 Bad Request. */
  BadRequestException(String message) {
    this(400, message);
  }

  BadRequestException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** @return the HTTP status to answer with */
  int status() {
    return status;
  }
}
