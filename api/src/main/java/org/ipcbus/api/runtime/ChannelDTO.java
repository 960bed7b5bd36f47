package org.ipcbus.api.runtime;

import org.osgi.dto.DTO;

/** One channel of main: who listens on it, who handles it, and what went through it. */
public class ChannelDTO extends DTO {

  /** The channel name. */
  public String name;

  /** Main's listeners of the channel, in delivery order. */
  public ListenerDTO[] listeners;

  /** The channel's invoke handler, or null if it has none. */
  public ListenerDTO handler;

  /**
   * How many messages from renderers (send, sendSync, invoke) main has dispatched on the channel to
   * its listeners or handler.
   */
  public long messages;

  /**
   * How many of those failed: a listener or handler threw or its promise failed, an invoke found
   * no handler, or the reply could not be cloned.
   */
  public long errors;

  /**
   * How many messages were refused before any listener saw them: by the channel access policy
   * (PID {@code org.ipcbus.policy}) at the sender, or by an {@code IpcMainInterceptor}.
   */
  public long denied;

  /**
   * The listeners, handlers and interceptors on the channel that the channel access policy (PID
   * {@code org.ipcbus.policy}) refuses: registered, but not called for the channel's messages.
   *
   * @since 1.1
   */
  public DeniedRegistrationDTO[] deniedRegistrations;

  /** The newest failure, as "type: message", or null if there was none. */
  public String lastError;

  /**
   * How many times one listener or handler ran longer than the slow-listener threshold on main's
   * dispatch thread, holding up every other message.
   */
  public long slowDeliveries;
}
