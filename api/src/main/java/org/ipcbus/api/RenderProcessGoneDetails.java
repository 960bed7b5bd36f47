package org.ipcbus.api;

import java.util.Objects;

/**
 * Why a renderer process went away; Electron's {@code RenderProcessGoneDetails}.
 *
 * @param reason one of the constants of this class, in Electron's words
 * @param exitCode the process's exit status, or -1 when main cannot know it (a process that someone
 *     else started)
 * @since 1.1
 */
public record RenderProcessGoneDetails(String reason, int exitCode) {

  /** The process exited with status 0. */
  public static final String CLEAN_EXIT = "clean-exit";
  /** The process exited with another status. */
  public static final String ABNORMAL_EXIT = "abnormal-exit";
  /** A signal ended the process: SIGKILL, SIGTERM, or main killed it. */
  public static final String KILLED = "killed";
  /** The JVM crashed (SIGSEGV, SIGABRT). */
  public static final String CRASHED = "crashed";
  /** The process ran out of memory. */
  public static final String OOM = "oom";
  /** The process could not be started, or ended before it connected. */
  public static final String LAUNCH_FAILED = "launch-failed";

  /**
   * Creates the details.
   *
   * @param reason why, not null
   * @param exitCode the exit status
   */
  public RenderProcessGoneDetails {
    Objects.requireNonNull(reason, "reason");
  }
}
