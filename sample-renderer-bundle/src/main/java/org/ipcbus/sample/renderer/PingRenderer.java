package org.ipcbus.sample.renderer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRenderer;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The seed's renderer: {@code sendSync('synchronous-message', 'ping')} prints "pong", and the
 * {@code asynchronous-reply} to {@code send('asynchronous-message', 'ping')} prints "pong".
 */
@Component(immediate = true)
public class PingRenderer {

  @Reference
  private IpcRenderer ipcRenderer;

  /**
   * In Electron, main sets up its listeners before the window loads; here the renderer waits for
   * main's sync listener to be registered, so that the seed runs in the same order.
   */
  @Reference(target = "(ipc.channel=synchronous-message)")
  private ServiceReference<IpcMainListener> mainIsListening;

  @Activate
  void activate() throws InterruptedException {
    System.out.println(ipcRenderer.sendSync("synchronous-message", "ping")); // prints "pong"

    CountDownLatch replied = new CountDownLatch(1);
    ipcRenderer.on("asynchronous-reply", (event, args) -> {
      System.out.println(args[0]); // prints "pong"
      replied.countDown();
    });
    ipcRenderer.send("asynchronous-message", "ping");

    // Not in the seed: activation ends once the reply is printed, so that a demo run that stops
    // the framework right after start-up still shows it.
    replied.await(5, TimeUnit.SECONDS);
  }

  @Deactivate
  void deactivate() {
    ipcRenderer.removeAllListeners("asynchronous-reply");
  }
}
