package org.ipcbus.wire;

import java.util.List;

/** Constants of the protocol that both sides must agree on; docs/PROTOCOL.md explains them. */
public final class WireProtocol {

  /**
   * The highest protocol version this code speaks (HELLO and WELCOME carry it). A child says the
   * highest it speaks in HELLO; main answers in WELCOME with the version both speak, the lower of
   * the two, and that version holds for the connection.
   */
  public static final int VERSION = 2;
  /** The lowest protocol version this code still speaks: version 1, which has no MessagePorts. */
  public static final int LOWEST_VERSION = 1;
  /** The first version with MessagePorts: POST, PORT_MESSAGE and PORT_CLOSE. */
  public static final int PORTS_VERSION = 2;
  /** The child's HELLO must arrive within this many milliseconds of connecting. */
  public static final long HELLO_TIMEOUT_MILLIS = 5_000;
  /** Frame length prefix size in bytes: an unsigned 32-bit big-endian integer. */
  public static final int LENGTH_PREFIX_BYTES = 4;
  /**
   * The frame limit main applies until the handshake is done: a HELLO is small, and a peer that
   * has not yet proven who it is must not make main allocate a large buffer.
   */
  public static final int HANDSHAKE_MAX_FRAME_BYTES = 64 * 1024;
  /** The length of the secret main generates for each child process, in bytes. */
  public static final int SECRET_BYTES = 32;

  /** Environment variable of the child: the path of main's Unix domain socket. */
  public static final String ENV_SOCKET = "IPCBUS_SOCKET";
  /** Environment variable of the child: the process name to send in HELLO. */
  public static final String ENV_PROCESS_NAME = "IPCBUS_PROCESS_NAME";
  /** Environment variable of the child: the secret, base64url without padding (RFC 4648). */
  public static final String ENV_SECRET = "IPCBUS_SECRET";
  /**
   * Environment variable of the child, instead of {@link #ENV_SECRET}: a file (mode 0600) holding
   * the secret's raw bytes, which the child reads and then deletes.
   */
  public static final String ENV_SECRET_FILE = "IPCBUS_SECRET_FILE";

  /** WELCOME setting: main sends PING this often, in milliseconds. */
  public static final String HEARTBEAT_MS = "heartbeat.ms";
  /** WELCOME setting: the largest frame body main accepts, in bytes. */
  public static final String MAX_FRAME_BYTES = "max.frame.bytes";
  /** WELCOME setting: how long a SEND_SYNC may wait for its RESULT, in milliseconds. */
  public static final String SYNC_TIMEOUT_MS = "sync.timeout.ms";
  /** WELCOME setting: how long an INVOKE may wait for its RESULT, in milliseconds. */
  public static final String INVOKE_TIMEOUT_MS = "invoke.timeout.ms";
  /** WELCOME setting: how deep values may nest (the clone's and the decoder's depth limit). */
  public static final String MAX_DEPTH = "max.depth";
  /**
   * WELCOME setting, optional: how long the process's reader tries again, in microseconds, before
   * it waits for main's next frame (0, the default: it waits at once).
   */
  public static final String READ_SPIN_US = "read.spin.us";
  /** The settings every WELCOME of version 1 carries; a receiver ignores others it does not know. */
  public static final List<String> REQUIRED_SETTINGS = List.of(HEARTBEAT_MS, MAX_FRAME_BYTES,
      SYNC_TIMEOUT_MS, INVOKE_TIMEOUT_MS, MAX_DEPTH);

  private WireProtocol() {
  }
}
