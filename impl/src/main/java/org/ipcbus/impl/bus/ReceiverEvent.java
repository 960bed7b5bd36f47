package org.ipcbus.impl.bus;

import java.util.List;

import org.ipcbus.api.Event;
import org.ipcbus.api.MessagePortMain;
import org.ipcbus.api.WebContents;

/**
 * A message as one listener, handler or interceptor of main sees it: the message's shared
 * {@link MainEvent}, seen by the bundle that registered the receiver. Its sender is the WebContents
 * as that bundle holds it, so {@code event.reply} and {@code event.getSender().send} are that
 * bundle's sends as main, which the access policy decides on. One small object per receiver and
 * message: a receiver may keep the event and reply later, so the acting bundle cannot be a field
 * of the shared event that changes from one receiver to the next.
 */
final class ReceiverEvent implements Event {

  private final MainEvent event;
  private final Actor receiver;

  ReceiverEvent(MainEvent event, Actor receiver) {
    this.event = event;
    this.receiver = receiver;
  }

  @Override
  public WebContents getSender() {
    return event.sender().heldBy(receiver);
  }

  @Override
  public String getChannel() {
    return event.channel();
  }

  @Override
  public boolean isSync() {
    return event.isSync();
  }

  @Override
  public Object getReturnValue() {
    return event.returnValue();
  }

  @Override
  public void setReturnValue(Object value) {
    event.returnValue(value);
  }

  @Override
  public void reply(String channel, Object... args) {
    getSender().send(channel, args);
  }

  @Override
  public List<MessagePortMain> getPorts() {
    return event.ports();
  }

  @Override
  public void postMessage(String channel, Object message, MessagePortMain... transfer) {
    getSender().postMessage(channel, message, transfer);
  }

  @Override
  public long getProcessId() {
    return event.sender().getOSProcessId();
  }

  @Override
  public String toString() {
    return event.toString();
  }
}
