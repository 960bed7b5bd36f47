package org.ipcbus.impl.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.ipcbus.api.RenderProcessGoneDetails;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.WebContentsListener;

/**
 * The {@link WebContentsListener}s and the events they hear. Each event is queued on main's
 * dispatch lane, behind the messages already there, so that a renderer's messages reach main
 * before its {@code destroyed}, and listeners run one at a time on main's thread.
 */
public final class WebContentsEvents {

  private final Bus bus;
  private final List<WebContentsListener> listeners = new CopyOnWriteArrayList<>();

  WebContentsEvents(Bus bus) {
    this.bus = bus;
  }

  /** @param listener hears the events from now on */
  public void add(WebContentsListener listener) {
    listeners.add(listener);
  }

  /** @param listener hears no event queued from now on */
  public void remove(WebContentsListener listener) {
    listeners.remove(listener);
  }

  void created(WebContents webContents) {
    fire("created", webContents, listener -> listener.created(webContents));
  }

  void destroyed(WebContents webContents, String reason) {
    fire("destroyed", webContents, listener -> listener.destroyed(webContents, reason));
  }

  /**
   * The process of a renderer is gone.
   *
   * @param webContents the renderer
   * @param details why
   */
  public void renderProcessGone(WebContents webContents, RenderProcessGoneDetails details) {
    fire("renderProcessGone", webContents, listener -> listener.renderProcessGone(webContents, details));
  }

  /**
   * The process of a renderer stopped answering.
   *
   * @param webContents the renderer
   */
  public void unresponsive(WebContents webContents) {
    fire("unresponsive", webContents, listener -> listener.unresponsive(webContents));
  }

  /**
   * The process of a renderer answers again.
   *
   * @param webContents the renderer
   */
  public void responsive(WebContents webContents) {
    fire("responsive", webContents, listener -> listener.responsive(webContents));
  }

  private void fire(String event, WebContents webContents, Consumer<WebContentsListener> call) {
    if (listeners.isEmpty()) {
      return;
    }
    // Queued, not run now: behind the renderer's messages, on main's thread. A closed bus drops it.
    bus.runOnMain(() -> {
      for (WebContentsListener listener : listeners) {
        try {
          call.accept(listener);
        } catch (Throwable t) {
          bus.log().error("WebContentsListener " + listener + " threw on " + event + " of WebContents "
              + webContents.getId(), t);
        }
      }
    });
  }
}
