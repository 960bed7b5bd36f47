package org.ipcbus.impl.process;

/** Where a renderer process is in its life, as the runtime DTO and {@code ipc:processes} show it. */
public enum ProcessState {
  /** Launched (or waited for), not yet connected. */
  STARTING,
  /** Connected and answering. */
  RUNNING,
  /** Connected, but silent for longer than {@code unresponsive.ms}. */
  UNRESPONSIVE,
  /** Ended; it starts again after a back-off. */
  RESTARTING,
  /** Ended and not started again: it exited cleanly, or crashed too often; {@code ipc:restart} starts it. */
  STOPPED
}
