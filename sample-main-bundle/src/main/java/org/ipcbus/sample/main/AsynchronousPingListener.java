package org.ipcbus.sample.main;

import org.ipcbus.api.Event;
import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMainListener;
import org.osgi.service.component.annotations.Component;

/**
 * The seed's {@code ipcMain.on('asynchronous-message', ...)}: prints the ping and answers the
 * sender with {@code asynchronous-reply} "pong". Registered as a whiteboard service.
 */
@Component(property = IpcConstants.CHANNEL + "=asynchronous-message")
public class AsynchronousPingListener implements IpcMainListener {

  @Override
  public void onMessage(Event event, Object... args) {
    System.out.println(args[0]); // prints "ping"
    event.getSender().send("asynchronous-reply", "pong");
  }
}
