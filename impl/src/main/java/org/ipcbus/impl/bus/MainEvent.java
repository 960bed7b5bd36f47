package org.ipcbus.impl.bus;

import java.util.List;

import org.ipcbus.api.MessagePortMain;
import org.ipcbus.impl.clone.CloneLimits;
import org.ipcbus.impl.clone.DataCloner;

/**
 * One message from a renderer as main handles it: what all of its listeners share, such as the
 * return value of a sendSync. No listener gets it itself: each gets a {@link ReceiverEvent} of it,
 * which knows which bundle registered that listener.
 */
final class MainEvent {

  private final Renderer sender;
  private final String channel;
  private final boolean sync;
  private final CloneLimits limits;
  private List<MessagePortMain> ports = List.of();
  private Object returnValue;
  private boolean returnValueSet;

  MainEvent(Renderer sender, String channel, boolean sync, CloneLimits limits) {
    this.sender = sender;
    this.channel = channel;
    this.sync = sync;
    this.limits = limits;
  }

  /** @return the renderer that sent the message */
  Renderer sender() {
    return sender;
  }

  String channel() {
    return channel;
  }

  boolean isSync() {
    return sync;
  }

  /** @return the ports that came with a postMessage, now main's */
  List<MessagePortMain> ports() {
    return ports;
  }

  void ports(List<MessagePortMain> arrived) {
    ports = arrived;
  }

  Object returnValue() {
    return returnValue;
  }

  void returnValue(Object value) {
    if (!sync) {
      throw new IllegalStateException("setReturnValue answers sendSync only; the message on channel '"
          + channel + "' was sent with send or invoke");
    }
    if (returnValueSet) {
      return; // Electron: the first assignment is the reply
    }
    returnValue = DataCloner.cloneValue(value, "returnValue", limits);
    returnValueSet = true;
  }

  @Override
  public String toString() {
    return "Event[channel=" + channel + ", sender=" + sender.getId() + ", sync=" + sync + "]";
  }
}
