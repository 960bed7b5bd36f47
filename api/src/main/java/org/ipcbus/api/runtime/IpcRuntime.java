package org.ipcbus.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The runtime state of ipcbus, as {@code HttpServiceRuntime} gives that of the HTTP Whiteboard.
 *
 * <p>The service carries the {@code service.changecount} property, which grows whenever a channel
 * gains or loses a listener or handler, a renderer comes or goes, or a whiteboard service fails or
 * recovers; the message counters change without bumping it. Changes close together are bumped
 * once, shortly after the last of them.
 */
@ProviderType
public interface IpcRuntime {

  /**
   * Takes a snapshot of the runtime state. Each call builds new objects, which the caller owns.
   *
   * @return the state now
   */
  RuntimeDTO getRuntimeDTO();
}
