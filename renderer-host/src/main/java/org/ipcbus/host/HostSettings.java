package org.ipcbus.host;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * Where main is and how to prove who this process is: read from the framework (or system)
 * properties and the environment that main, or whoever started this process, set.
 *
 * @param socket main's Unix domain socket ({@value #SOCKET})
 * @param name the process's name as main knows it ({@value #NAME})
 * @param secret the secret main gave this process: from the environment variable {@value #SECRET_ENV}
 *     (a launched process), or from the file named by {@value #SECRET_FILE} (a process someone else
 *     started); never from the command line, which every user can read
 * @param exitOnDisconnect whether the framework stops when main goes away ({@value #ON_DISCONNECT}
 *     {@code = exit}, the default), rather than only ending every call with IpcClosedException
 */
record HostSettings(Path socket, String name, byte[] secret, boolean exitOnDisconnect) {

  static final String SOCKET = "ipcbus.host.socket";
  static final String NAME = "ipcbus.host.name";
  static final String SECRET_ENV = "IPCBUS_HOST_SECRET";
  static final String SECRET_FILE = "ipcbus.host.secret.file";
  static final String ON_DISCONNECT = "ipcbus.host.on.disconnect";

  /**
   * Reads the settings.
   *
   * @param properties the framework's properties (BundleContext::getProperty)
   * @return the settings
   * @throws IllegalStateException naming what is missing or wrong
   */
  static HostSettings read(UnaryOperator<String> properties) {
    String socket = required(properties, SOCKET);
    String name = required(properties, NAME);
    String encoded = System.getenv(SECRET_ENV);
    String file = properties.apply(SECRET_FILE);
    if (encoded == null && file != null) {
      try {
        encoded = Files.readString(Path.of(file), StandardCharsets.US_ASCII).trim();
      } catch (Exception e) {
        throw new IllegalStateException("cannot read the secret file " + file + " (" + SECRET_FILE + "): " + e, e);
      }
    }
    if (encoded == null) {
      throw new IllegalStateException("no secret: set the environment variable " + SECRET_ENV
          + " or the property " + SECRET_FILE + " to the file main wrote it to");
    }
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the secret is not Base64: " + e.getMessage(), e);
    }
    String onDisconnect = properties.apply(ON_DISCONNECT);
    if (onDisconnect != null && !onDisconnect.equals("exit") && !onDisconnect.equals("stay")) {
      throw new IllegalStateException(ON_DISCONNECT + " is '" + onDisconnect + "'; it must be exit or stay");
    }
    return new HostSettings(Path.of(socket), name, secret, !"stay".equals(onDisconnect));
  }

  private static String required(UnaryOperator<String> properties, String key) {
    String value = properties.apply(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("the renderer host needs the property " + key
          + " (main sets it when it launches a renderer process)");
    }
    return value;
  }
}
