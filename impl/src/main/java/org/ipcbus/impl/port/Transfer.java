package org.ipcbus.impl.port;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.ipcbus.api.MessagePortMain;

/**
 * The ports named in one message's {@code transfer} argument, detached from their sender and in
 * flight: they belong to whoever the message is delivered to ({@link #arrive}), or close if it
 * never is ({@link #drop}), so that their other ends hear it.
 */
public final class Transfer {

  /** No ports. */
  public static final Transfer NONE = new Transfer(List.of());

  private final List<PortEnd> ports;

  private Transfer(List<PortEnd> ports) {
    this.ports = ports;
  }

  /**
   * Checks the ports and detaches them from their holder.
   *
   * @param transfer the ports named by the caller (null is none)
   * @param sendingPair the channel whose port posts the message, whose own ports cannot travel on
   *     it; null for a message on a channel of ipcbus
   * @param call the call, for the exceptions' messages, e.g. "WebContents.postMessage on channel 'x'"
   * @return the ports in flight
   * @throws NullPointerException if one is null
   * @throws IllegalArgumentException if one is not a port ipcbus made
   * @throws IllegalStateException if one is named twice, was transferred or is closed, or belongs
   *     to the sending port's own channel
   */
  public static Transfer of(MessagePortMain[] transfer, PortPair sendingPair, String call) {
    if (transfer == null || transfer.length == 0) {
      return NONE;
    }
    Set<PortEnd> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < transfer.length; i++) {
      MessagePortMain port = transfer[i];
      if (port == null) {
        throw new NullPointerException(call + ": transfer[" + i + "] is null");
      }
      if (!(port instanceof PortEnd end)) {
        throw new IllegalArgumentException(call + ": transfer[" + i + "] is a " + port.getClass().getName()
            + ", not a MessagePortMain of ipcbus (make ports with IpcMain.newMessageChannel())");
      }
      if (!seen.add(end)) {
        throw new IllegalStateException(call + ": transfer names " + end + " twice");
      }
      if (end.pair() == sendingPair) {
        throw new IllegalStateException(call + ": transfer[" + i + "] is " + end
            + ", a port of the channel it would travel on");
      }
      if (!end.transferable()) {
        throw new IllegalStateException(call + ": transfer[" + i + "]: " + end.whyNotTransferable());
      }
    }
    List<PortEnd> moved = new ArrayList<>(transfer.length);
    try {
      for (MessagePortMain port : transfer) {
        moved.add(((PortEnd) port).detach(call));
      }
    } catch (RuntimeException raced) {
      // Another thread transferred or closed one since the check: the message does not go, and the
      // ports already detached would be lost, so they close.
      moved.forEach(PortEnd::closeNow);
      throw raced;
    }
    return new Transfer(moved);
  }

  /** @return whether it carries no port */
  public boolean isEmpty() {
    return ports.isEmpty();
  }

  /**
   * The message was delivered: the receiver holds the ports from now on.
   *
   * @param receiver the holder the message was delivered to
   * @return the ports, for the receiver's event
   */
  public List<MessagePortMain> arrive(PortHolder receiver) {
    if (ports.isEmpty()) {
      return List.of();
    }
    for (PortEnd end : ports) {
      end.arrive(receiver);
    }
    return List.copyOf(ports);
  }

  /** The message was dropped: its ports close. */
  public void drop() {
    ports.forEach(PortEnd::closeNow);
  }
}
