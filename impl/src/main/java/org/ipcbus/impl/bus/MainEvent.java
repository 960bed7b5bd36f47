package org.ipcbus.impl.bus;

import org.ipcbus.api.Event;
import org.ipcbus.api.WebContents;
import org.ipcbus.impl.clone.CloneLimits;
import org.ipcbus.impl.clone.DataCloner;

/** One message as main's listeners or handler see it. */
final class MainEvent implements Event {

  private final Renderer sender;
  private final String channel;
  private final boolean sync;
  private final CloneLimits limits;
  private Object returnValue;
  private boolean returnValueSet;

  MainEvent(Renderer sender, String channel, boolean sync, CloneLimits limits) {
    this.sender = sender;
    this.channel = channel;
    this.sync = sync;
    this.limits = limits;
  }

  @Override
  public WebContents getSender() {
    return sender;
  }

  @Override
  public String getChannel() {
    return channel;
  }

  @Override
  public boolean isSync() {
    return sync;
  }

  @Override
  public Object getReturnValue() {
    return returnValue;
  }

  @Override
  public void setReturnValue(Object value) {
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
  public void reply(String channel, Object... args) {
    sender.send(channel, args);
  }

  @Override
  public String toString() {
    return "Event[channel=" + channel + ", sender=" + sender.getId() + ", sync=" + sync + "]";
  }
}
