package org.ipcbus.api.runtime;

import org.osgi.dto.DTO;

/**
 * One open end of a {@code MessageChannelMain} and who holds it. An end on its way to a new holder
 * (in a message not yet delivered) is not listed.
 *
 * @since 1.2
 */
public class PortDTO extends DTO {

  /** The id of its channel; the other end, if open and held, has the same id. */
  public long channelId;

  /** Which port of the channel it is: 1 or 2 ({@code port1}, {@code port2}). */
  public int port;

  /**
   * The WebContents id of the renderer holding it, or 0 if main holds it, or -1 if it is the end
   * main keeps for a port that crosses to a renderer process: the port is in that process, and
   * {@link #holder} names it ("renderer process 'billing'").
   */
  public long webContentsId;

  /** Who holds it, e.g. "main (bundle com.acme.main)" or "WebContents 3 (bundle com.acme.a)". */
  public String holder;

  /** Whether its holder started it; until then messages queue. */
  public boolean started;

  /** Messages waiting to be delivered to it now. */
  public int queued;
}
