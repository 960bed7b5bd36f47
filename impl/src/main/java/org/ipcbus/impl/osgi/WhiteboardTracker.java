package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.impl.bus.AccessPolicy;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.Role;
import org.ipcbus.impl.channel.ChannelProperty;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Tracks the whiteboard services of one type that carry {@code ipc.channel}, and wires each into
 * the bus while it is registered, on the channels the access policy lets its bundle use in the
 * type's {@link #role()}. A service whose property is invalid, whose object cannot be got, or that
 * the policy refuses on some channels, is tracked as failed there, logged and shown in the runtime
 * DTO, never silently ignored. A new policy is applied to the services tracked: each is unwired
 * from the channels it now refuses and wired on those it now allows.
 *
 * <p>Wiring, unwiring and applying a policy hold this tracker's lock and read the policy under it,
 * so a service is either checked against a new policy or seen by its application.
 *
 * @param <S> the service type
 */
abstract class WhiteboardTracker<S> extends ServiceTracker<S, WhiteboardService<S>> {

  private final Class<S> type;
  protected final Bus bus;
  /** The services wired on their allowed channels; guarded by this. */
  private final Set<WhiteboardService<S>> connected = new HashSet<>();

  WhiteboardTracker(BundleContext context, Class<S> type, Bus bus) {
    super(context, filter(context, type), null);
    this.type = type;
    this.bus = bus;
  }

  /** Follows the access policy from now on, then tracks the services. */
  @Override
  public void open() {
    bus.followPolicy(this::applyPolicy);
    super.open();
  }

  /** @return the role the access policy decides this type's services on; null if it does not */
  abstract Role role();

  /** Wires a service into the bus on one channel. */
  abstract void wireOn(WhiteboardService<S> service, String channel);

  /** Undoes {@link #wireOn}. */
  abstract void unwireOn(WhiteboardService<S> service, String channel);

  /** Wires a service into the bus on the channels the policy allows. */
  void wire(WhiteboardService<S> service) {
    service.allowedChannels().forEach(channel -> wireOn(service, channel));
  }

  /** Undoes {@link #wire}. */
  void unwire(WhiteboardService<S> service) {
    service.allowedChannels().forEach(channel -> unwireOn(service, channel));
  }

  /** @return the services of this type that are not wired, or not on every channel */
  List<FailedServiceDTO> failedServices() {
    List<FailedServiceDTO> failed = new ArrayList<>();
    for (WhiteboardService<S> tracked : getTracked().values()) {
      failed.addAll(tracked.toFailedDTOs());
    }
    return failed;
  }

  /** @return the services tracked now, wired or not */
  List<WhiteboardService<S>> services() {
    return new ArrayList<>(getTracked().values());
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
    synchronized (this) {
      disconnect(tracked);
      connect(tracked);
    }
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

  /**
   * Applies a new access policy to the services tracked.
   *
   * @param policy the policy, already the one every check uses
   */
  synchronized void applyPolicy(AccessPolicy policy) {
    if (role() == null) {
      return;
    }
    boolean changed = false;
    for (WhiteboardService<S> tracked : List.copyOf(connected)) {
      Map<String, String> before = tracked.denied();
      Map<String, String> now = refusals(tracked, policy);
      if (before.equals(now)) {
        continue;
      }
      changed = true;
      for (String channel : tracked.channels()) {
        if (!before.containsKey(channel) && now.containsKey(channel)) {
          unwireOn(tracked, channel);
          bus.log().warn("Whiteboard " + tracked + " is unwired from channel '" + channel + "': "
              + now.get(channel));
        }
      }
      tracked.denied(now);
      for (String channel : tracked.channels()) {
        if (before.containsKey(channel) && !now.containsKey(channel)) {
          wireOn(tracked, channel);
          bus.log().info("Whiteboard " + tracked + " is wired on channel '" + channel
              + "': the access policy allows it now");
        }
      }
    }
    if (changed) {
      bus.changes().bump();
    }
  }

  private synchronized void connect(WhiteboardService<S> tracked) {
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
    Map<String, String> refused = refusals(tracked, bus.accessPolicy());
    tracked.denied(refused);
    refused.forEach((channel, why) -> bus.log().warn("Whiteboard " + tracked
        + " is not wired on channel '" + channel + "': " + why));
    try {
      wire(tracked);
      connected.add(tracked);
    } catch (RuntimeException e) {
      bus.log().error("Whiteboard " + tracked + " could not be wired", e);
      tracked.failed(DTOConstants.FAILURE_REASON_UNKNOWN, String.valueOf(e.getMessage()), channels);
    }
  }

  private synchronized void disconnect(WhiteboardService<S> tracked) {
    if (connected.remove(tracked)) {
      unwire(tracked);
    }
  }

  /** @return the channels the policy refuses the service, with why, in the order it names them */
  private Map<String, String> refusals(WhiteboardService<S> tracked, AccessPolicy policy) {
    Role role = role();
    if (role == null) {
      return Map.of();
    }
    Map<String, String> refused = new LinkedHashMap<>();
    for (String channel : tracked.channels()) {
      String why = policy.refusal(role, tracked.actor(), channel);
      if (why != null) {
        refused.put(channel, why);
      }
    }
    return refused;
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
