package org.ipcbus.impl.bus;

/**
 * A message from a renderer queued for main: one object per message, run by the main lane.
 *
 * @param dispatcher who runs main's side
 * @param sender the renderer that sent it
 * @param channel its channel
 * @param args its cloned arguments
 * @param bytes their estimated size, counted against the sender's byte budget while it is queued
 * @param call the sendSync or invoke waiting for it, or null for a send
 */
record MainMessage(MainDispatcher dispatcher, Renderer sender, String channel, Object[] args,
    long bytes, PendingCall call) implements Runnable {

  @Override
  public void run() {
    // Its place in the sender's queue is free as soon as main takes it (given back per batch).
    RoomReturns.taken(sender.toMain(), bytes);
    if (call == null) {
      dispatcher.deliver(sender, channel, args);
    } else if (call.kind() == PendingCall.Kind.SEND_SYNC) {
      dispatcher.deliverSync(sender, channel, args, call);
    } else {
      dispatcher.invoke(sender, channel, args, call);
    }
  }
}
