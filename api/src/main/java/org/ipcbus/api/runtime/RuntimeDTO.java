package org.ipcbus.api.runtime;

import org.osgi.dto.DTO;
import org.osgi.framework.dto.ServiceReferenceDTO;

/** A snapshot of ipcbus: its channels, renderers and failed whiteboard services. */
public class RuntimeDTO extends DTO {

  /** The {@link IpcRuntime} service that took this snapshot. */
  public ServiceReferenceDTO serviceDTO;

  /**
   * The channels main knows of, by name: those with a listener or handler, and those messages
   * were sent on.
   */
  public ChannelDTO[] channels;

  /** The live renderers (WebContents), by id. */
  public RendererDTO[] renderers;

  /** The whiteboard services carrying {@code ipc.channel} that are not wired, or not on every channel. */
  public FailedServiceDTO[] failedServices;

  /**
   * The renderer processes, by name.
   *
   * @since 1.1
   */
  public ProcessDTO[] processes;

  /**
   * The open ports of MessageChannelMains, by channel id and port.
   *
   * @since 1.2
   */
  public PortDTO[] ports;
}
