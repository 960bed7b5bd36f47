package org.ipcbus.benchmarks.child;

import org.ipcbus.api.IpcRenderer;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The renderer of the cross-process benchmarks, in a renderer process. When it starts it takes its
 * bundle's own {@link IpcRenderer} (the renderer host's bundle-scoped service) and
 *
 * <ul>
 *   <li>answers every message on {@value #ROUND_TRIP} with {@code send(}{@value #ROUND_TRIP_BACK}{@code ,
 *       args[0])}: the round trip main -> child -> main;</li>
 *   <li>on {@value #FLOOD} with an Integer n, sends n messages {@code send(}{@value #THROUGHPUT}{@code ,
 *       4242)} as fast as {@code send} returns, from its listener (the renderer's own thread);</li>
 *   <li>then, once those listeners are registered, sends {@value #HELLO} with its process id:
 *       main's first message from it.</li>
 * </ul>
 *
 * The channel names are the ones of {@code org.ipcbus.benchmarks.process.Channels}; they are 8
 * characters long so that a SEND or DELIVER frame of {@code [4242]} has a body of about 16 bytes,
 * the frame size of the raw-socket limits.
 */
public final class BenchChild implements BundleActivator {

  /** main -> child: answer with {@link #ROUND_TRIP_BACK}. */
  public static final String ROUND_TRIP = "bench/rt";
  /** child -> main: the answer. */
  public static final String ROUND_TRIP_BACK = "bench/rb";
  /** main -> child: flood n messages. */
  public static final String FLOOD = "bench/fl";
  /** child -> main: one message of a flood. */
  public static final String THROUGHPUT = "bench/tp";
  /** child -> main: the renderer is ready. */
  public static final String HELLO = "bench/hi";

  private static final Integer MESSAGE = 4242;

  private ServiceReference<IpcRenderer> reference;

  @Override
  public void start(BundleContext context) {
    reference = context.getServiceReference(IpcRenderer.class);
    if (reference == null) {
      throw new IllegalStateException("no IpcRenderer: the renderer host is not running");
    }
    IpcRenderer renderer = context.getService(reference);
    renderer.on(ROUND_TRIP, (event, args) -> renderer.send(ROUND_TRIP_BACK, args[0]));
    renderer.on(FLOOD, (event, args) -> {
      int n = (Integer) args[0];
      for (int i = 0; i < n; i++) {
        renderer.send(THROUGHPUT, MESSAGE);
      }
    });
    renderer.send(HELLO, ProcessHandle.current().pid());
  }

  @Override
  public void stop(BundleContext context) {
    context.ungetService(reference);
  }
}
