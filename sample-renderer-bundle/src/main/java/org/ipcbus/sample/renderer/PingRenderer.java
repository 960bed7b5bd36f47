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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The seed's renderer: {@code sendSync('synchronous-message', 'ping')} prints "pong", and the
 * {@code asynchronous-reply} to {@code send('asynchronous-message', 'ping')} prints "pong".
 */
@Component(immediate = true)
public class PingRenderer {

  @Reference
  private IpcRenderer ipcRenderer;

  /**
   * In Electron, main sets up its listeners before the window loads. In main's own framework the
   * renderer waits for main's sync listener to be registered, so that the seed runs in the same
   * order (greedy: if it started first, it starts again once the listener is there). In a renderer
   * process there is no such service to wait for: main launches its processes with its own bundles
   * already started.
   */
  @Reference(target = "(ipc.channel=synchronous-message)", cardinality = ReferenceCardinality.OPTIONAL,
      policyOption = ReferencePolicyOption.GREEDY)
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
