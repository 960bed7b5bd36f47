package org.ipcbus.impl.process;

import java.util.List;

import org.ipcbus.api.WebContents;

/** Who hears what happens to renderer processes: Electron's {@code render-process-gone}, {@code unresponsive}, {@code responsive}. */
public interface ProcessEvents {

  /**
   * A process ended; its WebContents are already destroyed.
   *
   * @param process the process
   * @param renderers its WebContents that were live
   * @param reason why, in Electron's words
   * @param exitCode its exit status (-1 when unknown)
   */
  void gone(RendererProcess process, List<WebContents> renderers, ExitReason reason, int exitCode);

  /**
   * A process stopped answering.
   *
   * @param process the process
   * @param renderers its WebContents
   */
  void unresponsive(RendererProcess process, List<WebContents> renderers);

  /**
   * A process that was unresponsive answers again.
   *
   * @param process the process
   * @param renderers its WebContents
   */
  void responsive(RendererProcess process, List<WebContents> renderers);
}
