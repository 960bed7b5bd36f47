package org.ipcbus.impl.process;

import java.util.List;

/**
 * A renderer process as the runtime DTO and the shell show it.
 *
 * @param name its name
 * @param pid its OS process id, -1 before its first start
 * @param state where it is in its life
 * @param restarts how often it was started again since main launched it first
 * @param recentCrashes its crashes within the restart window
 * @param lastExitReason why it last ended, in Electron's words, or null
 * @param lastExitCode its last exit status, or null
 * @param started when it was last started, in milliseconds since the epoch
 * @param renderers the ids of its live WebContents
 */
public record ProcessSnapshot(String name, long pid, ProcessState state, int restarts, int recentCrashes,
    String lastExitReason, Integer lastExitCode, long started, List<Long> renderers) {}
