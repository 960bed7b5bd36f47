package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMainInterceptor;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.channel.ChannelProperty;
import org.ipcbus.impl.bus.Interceptors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Wires {@link IpcMainInterceptor} whiteboard services in, highest service.ranking first. An
 * {@code ipc.channel} property limits an interceptor to those channels; one that cannot be read
 * makes it see every channel, since a security check must not be dropped by a typo.
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
            + reference.getBundle()));
    publish();
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
