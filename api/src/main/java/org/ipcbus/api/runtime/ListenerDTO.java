package org.ipcbus.api.runtime;

import org.osgi.dto.DTO;

/** One listener or handler of a channel, and where it comes from. */
public class ListenerDTO extends DTO {

  /**
   * The id of the whiteboard service it is, or {@code -1} if it was added through
   * {@code IpcMain} or {@code IpcRenderer} directly.
   */
  public long serviceId;

  /** The id of the bundle that registered or added it. */
  public long bundleId;

  /** Whether it goes after its first message ({@code once}, {@code handleOnce}). */
  public boolean once;
}
