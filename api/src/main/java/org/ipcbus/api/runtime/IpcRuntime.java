package org.ipcbus.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The runtime state of ipcbus, as {@code HttpServiceRuntime} gives that of the HTTP Whiteboard.
 *
 * <p>The service carries the {@code service.changecount} property, which grows whenever a channel
 * gains or loses a listener or handler, a renderer comes or goes, a whiteboard service fails or
 * recovers, or the configuration changes; the message counters change without bumping it. Changes
 * close together are published once, shortly after the last of them. The service also carries the
 * settings in force under the property names of PID {@code org.ipcbus}, and the access policy in
 * force: its send rules as {@code ipc.access.policy}, and the rules of the other roles as
 * {@code ipc.access.policy.listen}, {@code .handle}, {@code .intercept} and {@code .main.send}
 * (since 1.1). A new policy shows there, and the change count grows, once it is applied: the
 * registrations it refuses are unwired and those it allows are wired.
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
