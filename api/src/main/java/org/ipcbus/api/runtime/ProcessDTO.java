package org.ipcbus.api.runtime;

import org.osgi.dto.DTO;

/**
 * One renderer process: a child JVM that main launched (or waits for) under a factory configuration
 * {@code org.ipcbus.process}.
 *
 * @since 1.1
 */
public class ProcessDTO extends DTO {

  /** Its configured name. */
  public String name;

  /** Its operating-system process id, or -1 before its first start. */
  public long pid;

  /**
   * Where it is in its life: {@code STARTING}, {@code RUNNING}, {@code UNRESPONSIVE},
   * {@code RESTARTING} (it ended and starts again after a back-off) or {@code STOPPED} (it exited
   * cleanly, crashed too often, or was stopped).
   */
  public String state;

  /** How often it was started again since main launched it first. */
  public int restarts;

  /** Its crashes within the restart window. */
  public int recentCrashes;

  /** Why it last ended, in Electron's words ({@code "killed"}, ...), or null. */
  public String lastExitReason;

  /** Its last exit status, or null. */
  public Integer lastExitCode;

  /** When it was last started, in milliseconds since the epoch; 0 before its first start. */
  public long started;

  /** The ids of its live WebContents. */
  public long[] renderers;
}
