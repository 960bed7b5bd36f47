package org.ipcbus.api.runtime;

import org.osgi.dto.DTO;

/**
 * A whiteboard service carrying {@code ipc.channel} that ipcbus did not wire, or did not wire on
 * every channel it names.
 */
public class FailedServiceDTO extends DTO {

  /** The service id. */
  public long serviceId;

  /** The id of the bundle that registered it. */
  public long bundleId;

  /** The whiteboard type it was registered as, for example {@code org.ipcbus.api.IpcMainListener}. */
  public String serviceType;

  /** The channels it is not wired on; empty if its {@code ipc.channel} could not be read. */
  public String[] channels;

  /** Why, one of the {@code FAILURE_REASON_} constants of {@link DTOConstants}. */
  public int failureReason;

  /** Why, in words. */
  public String failureMessage;
}
