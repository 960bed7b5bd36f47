package org.ipcbus.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.UnaryOperator;

import org.ipcbus.wire.WireProtocol;

/**
 * Where main is and how to prove who this process is: from the environment that main (or whoever
 * started this process) set, as docs/PROTOCOL.md says, or from the framework properties of the same
 * meaning, which take precedence.
 *
 * @param socket main's Unix domain socket ({@code IPCBUS_SOCKET} or {@value #SOCKET})
 * @param name the process's name as main knows it ({@code IPCBUS_PROCESS_NAME} or {@value #NAME})
 * @param secret the secret main made for this process: {@code IPCBUS_SECRET} (base64url), or the
 *     raw bytes of the file {@code IPCBUS_SECRET_FILE} or {@value #SECRET_FILE}; never from the
 *     command line, which every user can read
 * @param exitOnDisconnect whether the framework stops when main goes away ({@value #ON_DISCONNECT}
 *     {@code = exit}, the default), rather than only ending every call with IpcClosedException
 */
record HostSettings(Path socket, String name, byte[] secret, boolean exitOnDisconnect) {

  static final String SOCKET = "ipcbus.host.socket";
  static final String NAME = "ipcbus.host.name";
  static final String SECRET_FILE = "ipcbus.host.secret.file";
  static final String ON_DISCONNECT = "ipcbus.host.on.disconnect";

  /**
   * Reads the settings.
   *
   * @param properties the framework's properties (BundleContext::getProperty)
   * @param environment the environment (System::getenv)
   * @return the settings
   * @throws IllegalStateException naming what is missing or wrong
   */
  static HostSettings read(UnaryOperator<String> properties, UnaryOperator<String> environment) {
    String socket = required(properties, SOCKET, environment, WireProtocol.ENV_SOCKET);
    String name = required(properties, NAME, environment, WireProtocol.ENV_PROCESS_NAME);
    String onDisconnect = properties.apply(ON_DISCONNECT);
    if (onDisconnect != null && !onDisconnect.equals("exit") && !onDisconnect.equals("stay")) {
      throw new IllegalStateException(ON_DISCONNECT + " is '" + onDisconnect + "'; it must be exit or stay");
    }
    return new HostSettings(Path.of(socket), name, secret(properties, environment), !"stay".equals(onDisconnect));
  }

  private static byte[] secret(UnaryOperator<String> properties, UnaryOperator<String> environment) {
    String file = properties.apply(SECRET_FILE);
    if (file == null) {
      file = environment.apply(WireProtocol.ENV_SECRET_FILE);
    }
    if (file != null) {
      try {
        return Files.readAllBytes(Path.of(file));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the secret file " + file + ": " + e, e);
      }
    }
    String encoded = environment.apply(WireProtocol.ENV_SECRET);
    if (encoded == null) {
      throw new IllegalStateException("no secret: set " + WireProtocol.ENV_SECRET + ", or "
          + WireProtocol.ENV_SECRET_FILE + " (or the property " + SECRET_FILE + ") to the file main wrote it to");
    }
    try {
      return Base64.getUrlDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(WireProtocol.ENV_SECRET + " is not base64url: " + e.getMessage(), e);
    }
  }

  private static String required(UnaryOperator<String> properties, String property,
      UnaryOperator<String> environment, String variable) {
    String value = properties.apply(property);
    if (value == null || value.isBlank()) {
      value = environment.apply(variable);
    }
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("the renderer host needs " + variable + " in its environment (or the "
          + "property " + property + "); main sets it when it launches a renderer process");
    }
    return value;
  }
}
