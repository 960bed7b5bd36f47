package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMainInterceptor;
import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.impl.bus.AccessPolicy;
import org.ipcbus.impl.bus.Actor;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.Interceptors;
import org.ipcbus.impl.bus.Role;
import org.ipcbus.impl.channel.ChannelProperty;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Wires {@link IpcMainInterceptor} whiteboard services in, highest service.ranking first. An
 * {@code ipc.channel} property limits an interceptor to those channels; one that cannot be read
 * makes it see every channel, since a security check must not be dropped by a typo. The access
 * policy's intercept rules decide, message by message, on which channels each runs.
 */
final class InterceptorTracker extends ServiceTracker<IpcMainInterceptor, IpcMainInterceptor> {

  private final Bus bus;
  private final Map<ServiceReference<IpcMainInterceptor>, Interceptors.Entry> wired = new HashMap<>();

  InterceptorTracker(BundleContext context, Bus bus) {
    super(context, IpcMainInterceptor.class, null);
    this.bus = bus;
  }

  @Override
  public IpcMainInterceptor addingService(ServiceReference<IpcMainInterceptor> reference) {
    IpcMainInterceptor interceptor = super.addingService(reference);
    if (interceptor == null) {
      bus.log().warn("Interceptor service " + reference.getProperty(Constants.SERVICE_ID)
          + " of bundle " + reference.getBundle() + " could not be got; it does not run");
      return null;
    }
    wire(reference, interceptor);
    return interceptor;
  }

  @Override
  public void modifiedService(ServiceReference<IpcMainInterceptor> reference, IpcMainInterceptor interceptor) {
    wire(reference, interceptor);
  }

  @Override
  public void removedService(ServiceReference<IpcMainInterceptor> reference, IpcMainInterceptor interceptor) {
    synchronized (this) {
      wired.remove(reference);
      publish();
    }
    super.removedService(reference, interceptor);
  }

  private synchronized void wire(ServiceReference<IpcMainInterceptor> reference, IpcMainInterceptor interceptor) {
    wired.put(reference, new Interceptors.Entry(interceptor, channels(reference),
        "IpcMainInterceptor service " + reference.getProperty(Constants.SERVICE_ID) + " of bundle "
            + reference.getBundle(), new Actor(reference.getBundle())));
    publish();
  }

  /**
   * Lists the interceptors that name channels the access policy does not let them intercept, as
   * failed there. (One that sees every channel is refused per channel: the runtime DTO shows it
   * among each channel's denied registrations.)
   *
   * @return the DTOs, one per interceptor and reason
   */
  synchronized List<FailedServiceDTO> failedServices() {
    List<FailedServiceDTO> failed = new ArrayList<>();
    AccessPolicy policy = bus.accessPolicy();
    wired.forEach((reference, entry) -> {
      Map<String, List<String>> byReason = new TreeMap<>();
      for (String channel : new TreeSet<>(entry.channels())) {
        String why = policy.refusal(Role.INTERCEPT, entry.actor(), channel);
        if (why != null) {
          byReason.computeIfAbsent(why, key -> new ArrayList<>()).add(channel);
        }
      }
      byReason.forEach((why, channels) -> {
        FailedServiceDTO dto = new FailedServiceDTO();
        dto.serviceId = (Long) reference.getProperty(Constants.SERVICE_ID);
        Bundle bundle = entry.actor().bundle();
        dto.bundleId = bundle == null ? -1 : bundle.getBundleId();
        dto.serviceType = IpcMainInterceptor.class.getName();
        dto.channels = channels.toArray(String[]::new);
        dto.failureReason = DTOConstants.FAILURE_REASON_ACCESS_DENIED;
        dto.failureMessage = why;
        failed.add(dto);
      });
    });
    return failed;
  }

  /** @return the interceptors tracked now, with their service references */
  synchronized Map<ServiceReference<IpcMainInterceptor>, Interceptors.Entry> entries() {
    return new HashMap<>(wired);
  }

  /** Hands the bus the interceptors in the order they run; rankings are read now, as they may change. */
  private void publish() {
    List<ServiceReference<IpcMainInterceptor>> references = new ArrayList<>(wired.keySet());
    references.sort(Collections.reverseOrder());
    bus.interceptors().set(references.stream().map(wired::get).toList());
  }

  private Set<String> channels(ServiceReference<IpcMainInterceptor> reference) {
    Object property = reference.getProperty(IpcConstants.CHANNEL);
    if (property == null) {
      return Set.of();
    }
    try {
      return Set.copyOf(ChannelProperty.parse(property));
    } catch (IllegalArgumentException e) {
      bus.log().warn("Interceptor service " + reference.getProperty(Constants.SERVICE_ID)
          + " sees every channel: " + e.getMessage());
      return Set.of();
    }
  }
}
