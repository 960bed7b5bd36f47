package org.ipcbus.api.runtime;

import org.osgi.dto.DTO;

/**
 * A listener, handler or interceptor that a bundle registered on a channel and the channel access
 * policy (PID {@code org.ipcbus.policy}) refuses: it is not called for the channel's messages until
 * a policy allows it.
 *
 * @since 1.1
 */
public class DeniedRegistrationDTO extends DTO {

  /**
   * What it would do, as the policy's rules name the role: {@code "listen"}, {@code "handle"} or
   * {@code "intercept"}.
   */
  public String role;

  /** The id of the bundle that registered it. */
  public long bundleId;

  /** The symbolic name of that bundle. */
  public String bundleSymbolicName;

  /**
   * The id of the whiteboard service it is, or {@code -1} if it was added through {@code IpcMain}
   * (then it is suspended, and comes back when a policy allows it).
   */
  public long serviceId;

  /** Why, naming the rules that refuse it. */
  public String reason;
}
