package org.ipcbus.impl.bus;

import org.ipcbus.impl.port.Transfer;

/**
 * A renderer's {@code ipcRenderer.postMessage} queued for main: a send of one message with ports.
 * A type of its own, beside {@link MainMessage}, so that the send path carries no port field.
 *
 * @param dispatcher who runs main's side
 * @param sender the renderer that sent it
 * @param channel its channel
 * @param args the cloned message, as the one argument
 * @param bytes its estimated size, counted against the sender's byte budget while it is queued
 * @param ports the ports in flight to main
 */
record PostedMessage(MainDispatcher dispatcher, Renderer sender, String channel, Object[] args,
    long bytes, Transfer ports) implements Runnable {

  @Override
  public void run() {
    RoomReturns.taken(sender.toMain(), bytes);
    dispatcher.deliverPosted(sender, channel, args, ports);
  }
}
