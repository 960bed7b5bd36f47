package org.ipcbus.impl.process;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.ipcbus.wire.WireProtocol;


/**
 * Main's end of one renderer process's socket: a Unix domain socket in a fresh directory only main's
 * OS user can enter (0700, the socket 0600), and the secret a process must present to connect.
 * Each process gets its own, so a connection can only ever speak for the process it was made for.
 */
final class SocketEndpoint implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path directory;
  private final Path socket;
  private final Path secretFile;
  private final byte[] secret = new byte[WireProtocol.SECRET_BYTES];
  private final ServerSocketChannel server;
  private final String ownUser;

  /**
   * Makes the directory, the secret and the listening socket.
   *
   * @param name the process's name, for the directory's name
   * @throws IOException if the socket cannot be made
   */
  SocketEndpoint(String name) throws IOException {
    directory = Files.createTempDirectory("ipcbus-" + name + "-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    socket = directory.resolve("main.sock");
    secretFile = Files.createFile(directory.resolve("secret"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    renewSecret();
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    ownUser = System.getProperty("user.name");
  }

  /** @return the socket's path */
  Path socket() {
    return socket;
  }

  /** @return a file holding the secret's raw bytes (0600), for a process that someone else starts */
  Path secretFile() {
    return secretFile;
  }

  /** @return the secret as a launched process gets it in {@code IPCBUS_SECRET}: base64url, unpadded */
  synchronized String secretText() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /**
   * Makes a new secret, for the next launch: a secret that leaked from a process that ended opens
   * nothing.
   *
   * @throws IOException if the secret file cannot be written
   */
  synchronized void renewSecret() throws IOException {
    RANDOM.nextBytes(secret);
    Files.write(secretFile, secret);
  }

  /**
   * Waits for the next connection.
   *
   * @return the connection, made by a process of main's own OS user
   * @throws IOException if the socket was closed
   * @throws SecurityException if the peer runs as another OS user; the connection is closed
   */
  SocketChannel accept() throws IOException {
    SocketChannel channel = server.accept();
    String user;
    try {
      user = peerUser(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw new SecurityException("the OS user of a process that connected to " + socket
          + " cannot be told (" + e + "); it is refused");
    }
    if (!user.equals(ownUser)) {
      channel.close();
      throw new SecurityException("a process of OS user '" + user + "' connected to " + socket
          + "; only main's own user '" + ownUser + "' may");
    }
    return channel;
  }

  /**
   * The OS user of the peer: {@code jdk.net.ExtendedSocketOptions.SO_PEERCRED}, found by its name
   * among the channel's options rather than named in the code, so that the bundle does not import
   * {@code jdk.net}, which frameworks such as Karaf do not export from the JDK.
   */
  private static String peerUser(SocketChannel channel) throws IOException {
    for (SocketOption<?> option : channel.supportedOptions()) {
      if (option.name().equals("SO_PEERCRED")) {
        Object principal = channel.getOption(option); // a jdk.net.UnixDomainPrincipal record
        try {
          UserPrincipal user = (UserPrincipal) principal.getClass().getMethod("user").invoke(principal);
          return user.getName();
        } catch (ReflectiveOperationException e) {
          throw new IOException("cannot read " + principal, e);
        }
      }
    }
    throw new IOException("this JDK offers no SO_PEERCRED on Unix domain sockets");
  }

  /**
   * Compares a presented secret with this one in constant time.
   *
   * @param presented what a process sent in its hello
   * @return whether it is this endpoint's secret
   */
  synchronized boolean accepts(byte[] presented) {
    // MessageDigest.isEqual takes the same time wherever the bytes differ.
    return presented != null && MessageDigest.isEqual(secret, presented);
  }

  /** Stops listening and removes the socket, the secret and the directory. */
  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
    Files.deleteIfExists(secretFile);
    Files.deleteIfExists(directory);
  }
}
