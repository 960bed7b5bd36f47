package org.ipcbus.host;

import java.util.List;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcRendererListener;
import org.ipcbus.impl.channel.ChannelProperty;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The IpcRendererListener whiteboard of this process: each service with {@code ipc.channel} is
 * wired in as {@code ipcRenderer.on} of its bundle's renderer, and holds that renderer alive. A
 * service with an invalid {@code ipc.channel} is logged and not wired.
 */
final class RendererListenerTracker extends ServiceTracker<IpcRendererListener, RendererListenerTracker.Wired> {

  /** A wired service: its renderer and channels. */
  record Wired(RemoteRenderer renderer, List<String> channels, IpcRendererListener listener) {}

  private final RemoteRenderers renderers;
  private final HostLog log;

  RendererListenerTracker(BundleContext context, RemoteRenderers renderers, HostLog log) {
    super(context, IpcRendererListener.class, null);
    this.renderers = renderers;
    this.log = log;
  }

  @Override
  public Wired addingService(ServiceReference<IpcRendererListener> reference) {
    List<String> channels;
    try {
      channels = ChannelProperty.parse(reference.getProperty(IpcConstants.CHANNEL));
    } catch (IllegalArgumentException e) {
      log.warn("IpcRendererListener service " + reference.getProperty("service.id") + " of bundle "
          + reference.getBundle() + " is not wired: " + e.getMessage());
      return null;
    }
    IpcRendererListener listener = context.getService(reference);
    if (listener == null) {
      log.warn("IpcRendererListener service " + reference.getProperty("service.id") + " of bundle "
          + reference.getBundle() + " could not be got; it is not wired");
      return null;
    }
    RemoteRenderer renderer = renderers.acquire(reference.getBundle());
    channels.forEach(channel -> renderer.add(channel, listener, false, reference));
    return new Wired(renderer, channels, listener);
  }

  @Override
  public void removedService(ServiceReference<IpcRendererListener> reference, Wired wired) {
    wired.renderer().listeners().removeAll(owner -> owner == reference);
    renderers.release(reference.getBundle());
    context.ungetService(reference);
  }
}
