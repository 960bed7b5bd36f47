package org.ipcbus.impl.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.ipcbus.api.RenderProcessGoneDetails;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.WebContentsListener;

/**
 * The {@link WebContentsListener}s and the events they hear. Each event is queued on main's
 * dispatch lane, behind the messages already there, so that a renderer's messages reach main
 * before its {@code destroyed}, and listeners run one at a time on main's thread. Each listener
 * gets the WebContents as the bundle that registered it holds it, so that its sends through it
 * are that bundle's sends as main.
 */
public final class WebContentsEvents {

  /** A listener and the bundle of main that registered it. */
  record Registered(WebContentsListener listener, Actor actor) {}

  private final Bus bus;
  private final List<Registered> listeners = new CopyOnWriteArrayList<>();

  WebContentsEvents(Bus bus) {
    this.bus = bus;
  }

  /** @param listener hears the events from now on, as a listener of no known bundle */
  public void add(WebContentsListener listener) {
    add(listener, Actor.UNKNOWN);
  }

  /**
   * Adds a listener.
   *
   * @param listener hears the events from now on
   * @param actor the bundle that registered it
   */
  public void add(WebContentsListener listener, Actor actor) {
    listeners.add(new Registered(listener, actor));
  }

  /** @param listener hears no event queued from now on */
  public void remove(WebContentsListener listener) {
    listeners.removeIf(registered -> registered.listener() == listener);
  }

  void created(WebContents webContents) {
    fire("created", webContents, WebContentsListener::created);
  }

  void destroyed(WebContents webContents, String reason) {
    fire("destroyed", webContents, (listener, held) -> listener.destroyed(held, reason));
  }

  /**
   * Runs the destroyed events of renderers that ipcbus' stop destroyed, on the calling thread: main's
   * dispatch thread has ended by then, so they still run one at a time, after every message main ran.
   *
   * @param ended the renderers
   * @param reason why
   */
  void destroyedAtStop(List<Renderer> ended, String reason) {
    for (Renderer renderer : ended) {
      notify("destroyed", renderer, (listener, held) -> listener.destroyed(held, reason));
    }
  }

  /**
   * The process of a renderer is gone.
   *
   * @param webContents the renderer
   * @param details why
   */
  public void renderProcessGone(WebContents webContents, RenderProcessGoneDetails details) {
    fire("renderProcessGone", webContents, (listener, held) -> listener.renderProcessGone(held, details));
  }

  /**
   * The process of a renderer stopped answering.
   *
   * @param webContents the renderer
   */
  public void unresponsive(WebContents webContents) {
    fire("unresponsive", webContents, WebContentsListener::unresponsive);
  }

  /**
   * The process of a renderer answers again.
   *
   * @param webContents the renderer
   */
  public void responsive(WebContents webContents) {
    fire("responsive", webContents, WebContentsListener::responsive);
  }

  private void fire(String event, WebContents webContents, BiConsumer<WebContentsListener, WebContents> call) {
    if (listeners.isEmpty() && !(webContents instanceof Renderer renderer
        && !renderer.lifecycleListeners().isEmpty())) {
      return;
    }
    // Queued, not run now: behind the renderer's messages, on main's thread. A closed bus drops it.
    bus.runOnMain(() -> notify(event, webContents, call));
  }

  /** The whiteboard's listeners, then those added through the WebContents itself. */
  private void notify(String event, WebContents webContents, BiConsumer<WebContentsListener, WebContents> call) {
    notify(listeners, event, webContents, call);
    if (webContents instanceof Renderer renderer) {
      notify(renderer.lifecycleListeners(), event, webContents, call);
      if (event.equals("destroyed")) {
        renderer.lifecycleListeners().clear(); // they go with the WebContents
      }
    }
  }

  private void notify(List<Registered> registeredListeners, String event, WebContents webContents,
      BiConsumer<WebContentsListener, WebContents> call) {
    for (Registered registered : registeredListeners) {
      WebContents held = webContents instanceof Renderer renderer
          ? renderer.heldBy(registered.actor()) : webContents;
      try {
        call.accept(registered.listener(), held);
      } catch (Throwable t) {
        bus.log().error("WebContentsListener " + registered.listener() + " threw on " + event
            + " of WebContents " + webContents.getId(), t);
      }
    }
  }
}
