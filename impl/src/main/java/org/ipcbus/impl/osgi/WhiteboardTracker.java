package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.List;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.channel.ChannelProperty;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Tracks the whiteboard services of one type that carry {@code ipc.channel}, and wires each into
 * the bus while it is registered. A service whose property is invalid, or whose object cannot be
 * got, is tracked as failed, logged and shown in the runtime DTO, never silently ignored.
 *
 * @param <S> the service type
 */
abstract class WhiteboardTracker<S> extends ServiceTracker<S, WhiteboardService<S>> {

  private final Class<S> type;
  protected final Bus bus;

  WhiteboardTracker(BundleContext context, Class<S> type, Bus bus) {
    super(context, filter(context, type), null);
    this.type = type;
    this.bus = bus;
  }

  /** Wires a service into the bus on its channels. */
  abstract void wire(WhiteboardService<S> service);

  /** Undoes {@link #wire}. */
  abstract void unwire(WhiteboardService<S> service);

  /** @return the services of this type that are not wired, or not on every channel */
  List<FailedServiceDTO> failedServices() {
    List<FailedServiceDTO> failed = new ArrayList<>();
    for (WhiteboardService<S> tracked : getTracked().values()) {
      if (tracked.failure() != null) {
        failed.add(tracked.toFailedDTO());
      }
    }
    return failed;
  }

  @Override
  public WhiteboardService<S> addingService(ServiceReference<S> reference) {
    WhiteboardService<S> tracked = new WhiteboardService<>(reference, type);
    connect(tracked);
    bus.changes().bump();
    return tracked;
  }

  @Override
  public void modifiedService(ServiceReference<S> reference, WhiteboardService<S> tracked) {
    // The channels may have changed: wire it anew.
    disconnect(tracked);
    connect(tracked);
    bus.changes().bump();
  }

  @Override
  public void removedService(ServiceReference<S> reference, WhiteboardService<S> tracked) {
    disconnect(tracked);
    if (tracked.service() != null) {
      context.ungetService(reference);
    }
    bus.changes().bump();
  }

  private void connect(WhiteboardService<S> tracked) {
    List<String> channels;
    try {
      channels = ChannelProperty.parse(tracked.reference().getProperty(IpcConstants.CHANNEL));
    } catch (IllegalArgumentException e) {
      fail(tracked, DTOConstants.FAILURE_REASON_INVALID_CHANNEL, e.getMessage(), List.of());
      return;
    }
    if (tracked.service() == null) {
      tracked.service(context.getService(tracked.reference()));
      if (tracked.service() == null) {
        fail(tracked, DTOConstants.FAILURE_REASON_SERVICE_NOT_GETTABLE,
            "the service object could not be got", channels);
        return;
      }
    }
    tracked.wired(channels);
    try {
      wire(tracked);
    } catch (RuntimeException e) {
      bus.log().error("Whiteboard " + tracked + " could not be wired", e);
      tracked.failed(DTOConstants.FAILURE_REASON_UNKNOWN, String.valueOf(e.getMessage()), channels);
    }
  }

  private void disconnect(WhiteboardService<S> tracked) {
    if (tracked.isWired()) {
      unwire(tracked);
    }
  }

  private void fail(WhiteboardService<S> tracked, int reason, String why, List<String> channels) {
    bus.log().warn("Whiteboard " + tracked + " is not wired: " + why);
    tracked.failed(reason, why, channels);
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
