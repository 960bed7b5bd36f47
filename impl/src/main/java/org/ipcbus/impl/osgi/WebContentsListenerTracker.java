package org.ipcbus.impl.osgi;

import org.ipcbus.api.WebContentsListener;
import org.ipcbus.impl.bus.Actor;
import org.ipcbus.impl.bus.WebContentsEvents;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** The {@link WebContentsListener} whiteboard: each registered service hears renderers come and go. */
final class WebContentsListenerTracker extends ServiceTracker<WebContentsListener, WebContentsListener> {

  private final WebContentsEvents events;

  WebContentsListenerTracker(BundleContext context, WebContentsEvents events) {
    super(context, WebContentsListener.class, null);
    this.events = events;
  }

  @Override
  public WebContentsListener addingService(ServiceReference<WebContentsListener> reference) {
    WebContentsListener listener = context.getService(reference);
    if (listener != null) {
      // It gets WebContents as its bundle holds them: its sends through them are that bundle's.
      events.add(listener, new Actor(reference.getBundle()));
    }
    return listener;
  }

  @Override
  public void removedService(ServiceReference<WebContentsListener> reference, WebContentsListener listener) {
    events.remove(listener);
    context.ungetService(reference);
  }
}
