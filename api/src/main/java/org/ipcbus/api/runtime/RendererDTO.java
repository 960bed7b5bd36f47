package org.ipcbus.api.runtime;

import org.osgi.dto.DTO;

/** One live renderer: a bundle's WebContents. */
public class RendererDTO extends DTO {

  /** The WebContents id. */
  public long id;

  /**
   * The id of the renderer bundle; for a renderer in a renderer process, its id in that process's
   * framework.
   */
  public long bundleId;

  /** The symbolic name of the renderer bundle. */
  public String bundleSymbolicName;

  /**
   * The name of the renderer process it runs in, or null for a renderer in main's framework.
   *
   * @since 1.1
   */
  public String processName;

  /**
   * The operating-system id of the process it runs in.
   *
   * @since 1.1
   */
  public long pid;

  /** When the renderer was created, in milliseconds since the epoch. */
  public long created;

  /** How many messages it sent to main (send, sendSync and invoke). */
  public long messagesSent;

  /** How many messages main sent to it that were delivered. */
  public long messagesReceived;

  /** Its sendSync calls waiting for main now. */
  public int pendingSendSync;

  /** Its invoke calls waiting for a reply now. */
  public int pendingInvoke;

  /** The channels it listens on. */
  public String[] channels;

  /**
   * The channels of its {@code webContents.ipc}, by name, with the listeners and handler scoped to
   * it. Their message counts are on main's channel of the same name.
   *
   * @since 1.2
   */
  public ChannelDTO[] ipc;
}
