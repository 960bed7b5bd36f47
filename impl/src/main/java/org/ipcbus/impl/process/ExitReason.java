package org.ipcbus.impl.process;

/**
 * Why a renderer process went away, in the words of Electron's {@code render-process-gone}
 * {@code details.reason}.
 */
public enum ExitReason {
  /** It exited with status 0. */
  CLEAN_EXIT("clean-exit"),
  /** It exited with another status. */
  ABNORMAL_EXIT("abnormal-exit"),
  /** A signal ended it: SIGKILL (kill -9), SIGTERM, or main killed it. */
  KILLED("killed"),
  /** The JVM crashed (SIGSEGV, SIGABRT, an hs_err file). */
  CRASHED("crashed"),
  /** It ran out of memory (the JVM said so on its standard error before it ended). */
  OOM("oom"),
  /** It could not be started, or ended before it said hello on the socket. */
  LAUNCH_FAILED("launch-failed");

  /** The statuses a JVM ends with on a fatal signal: 128 + SIGABRT(6), SIGBUS(7), SIGSEGV(11). */
  private static final int SIGABRT = 134;
  private static final int SIGBUS = 135;
  private static final int SIGSEGV = 139;
  /** 128 + SIGKILL(9), SIGTERM(15), SIGINT(2), SIGHUP(1). */
  private static final int SIGKILL = 137;
  private static final int SIGTERM = 143;
  private static final int SIGINT = 130;
  private static final int SIGHUP = 129;

  private final String electronName;

  ExitReason(String electronName) {
    this.electronName = electronName;
  }

  /** @return the reason as Electron writes it, e.g. {@code "abnormal-exit"} */
  public String electronName() {
    return electronName;
  }

  /**
   * Tells why a process ended.
   *
   * @param exitCode its exit status
   * @param outOfMemory whether it reported an OutOfMemoryError on its standard error; a JVM run
   *     with -XX:+ExitOnOutOfMemoryError exits with status 3, like any System.exit(3), so only its
   *     last words tell them apart
   * @param connected whether it ever completed the handshake
   * @return the reason
   */
  public static ExitReason of(int exitCode, boolean outOfMemory, boolean connected) {
    if (outOfMemory) {
      return OOM;
    }
    switch (exitCode) {
      case 0:
        return connected ? CLEAN_EXIT : LAUNCH_FAILED;
      case SIGKILL:
      case SIGTERM:
      case SIGINT:
      case SIGHUP:
        return KILLED;
      case SIGABRT:
      case SIGBUS:
      case SIGSEGV:
        return CRASHED;
      default:
        return connected ? ABNORMAL_EXIT : LAUNCH_FAILED;
    }
  }

  @Override
  public String toString() {
    return electronName;
  }
}
