package org.ipcbus.impl.osgi;

import java.util.List;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.impl.bus.BusLog;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Tracks the whiteboard services of one type that carry {@code ipc.channel}, and wires each into
 * the bus while it is registered. A service whose property is invalid, or whose object cannot be
 * got, is tracked as failed and logged, never silently ignored.
 *
 * @param <S> the service type
 */
abstract class WhiteboardTracker<S> extends ServiceTracker<S, WhiteboardService<S>> {

  private final Class<S> type;
  private final BusLog log;

  WhiteboardTracker(BundleContext context, Class<S> type, BusLog log) {
    super(context, filter(context, type), null);
    this.type = type;
    this.log = log;
  }

  /** Wires a service into the bus on its channels. */
  abstract void wire(WhiteboardService<S> service);

  /** Undoes {@link #wire}. */
  abstract void unwire(WhiteboardService<S> service);

  @Override
  public WhiteboardService<S> addingService(ServiceReference<S> reference) {
    WhiteboardService<S> tracked = new WhiteboardService<>(reference);
    connect(tracked);
    return tracked;
  }

  @Override
  public void modifiedService(ServiceReference<S> reference, WhiteboardService<S> tracked) {
    // The channels may have changed: wire it anew.
    disconnect(tracked);
    connect(tracked);
  }

  @Override
  public void removedService(ServiceReference<S> reference, WhiteboardService<S> tracked) {
    disconnect(tracked);
    if (tracked.service() != null) {
      context.ungetService(reference);
    }
  }

  private void connect(WhiteboardService<S> tracked) {
    ServiceReference<S> reference = tracked.reference();
    List<String> channels;
    try {
      channels = ChannelProperty.parse(reference.getProperty(IpcConstants.CHANNEL));
    } catch (IllegalArgumentException e) {
      fail(tracked, e.getMessage());
      return;
    }
    if (tracked.service() == null) {
      tracked.service(context.getService(reference));
      if (tracked.service() == null) {
        fail(tracked, "the service object could not be got");
        return;
      }
    }
    tracked.wired(channels);
    try {
      wire(tracked);
    } catch (RuntimeException e) {
      log.error("Whiteboard " + describe(tracked) + " could not be wired", e);
      tracked.failed(e.getMessage());
    }
  }

  private void disconnect(WhiteboardService<S> tracked) {
    if (tracked.isWired()) {
      unwire(tracked);
    }
  }

  private void fail(WhiteboardService<S> tracked, String why) {
    log.warn("Whiteboard " + describe(tracked) + " is not wired: " + why);
    tracked.failed(why);
  }

  String describe(WhiteboardService<S> tracked) {
    return type.getSimpleName() + " service " + tracked.reference().getProperty(Constants.SERVICE_ID)
        + " of bundle " + tracked.bundle();
  }

  private static Filter filter(BundleContext context, Class<?> type) {
    String filter = "(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")("
        + IpcConstants.CHANNEL + "=*))";
    try {
      return context.createFilter(filter);
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(filter, e);
    }
  }
}
