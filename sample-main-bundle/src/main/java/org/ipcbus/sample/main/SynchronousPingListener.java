package org.ipcbus.sample.main;

import org.ipcbus.api.Event;
import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMainListener;
import org.osgi.service.component.annotations.Component;

/**
 * The seed's {@code ipcMain.on('synchronous-message', ...)}: prints the ping and sets the return
 * value "pong". Registered as a whiteboard service.
 */
@Component(property = IpcConstants.CHANNEL + "=synchronous-message")
public class SynchronousPingListener implements IpcMainListener {

  @Override
  public void onMessage(Event event, Object... args) {
    System.out.println(args[0]); // prints "ping"
    event.setReturnValue("pong");
  }
}
