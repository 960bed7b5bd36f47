package org.ipcbus.impl.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.ipcbus.api.WebContents;
import org.osgi.framework.Bundle;

/**
 * The renderers, one per bundle. A bundle's renderer lives while the bundle holds it: while it
 * uses IpcRenderer or has IpcRendererListener services. When the last hold ends, the renderer is
 * destroyed; a later hold creates a new one with a new id.
 */
public final class RendererRegistry {

  private final Bus bus;
  private final AtomicLong lastId = new AtomicLong();
  private final Map<Bundle, Renderer> byBundle = new HashMap<>();
  private final Map<Renderer, Integer> holds = new HashMap<>();
  private final ConcurrentSkipListMap<Long, Renderer> byId = new ConcurrentSkipListMap<>();

  RendererRegistry(Bus bus) {
    this.bus = bus;
  }

  /**
   * Adds a hold on a bundle's renderer, creating it if there is none.
   *
   * @param bundle the renderer bundle
   * @return its renderer
   */
  public synchronized Renderer acquire(Bundle bundle) {
    bus.checkOpen();
    Renderer renderer = byBundle.computeIfAbsent(bundle, this::create);
    holds.merge(renderer, 1, Integer::sum);
    return renderer;
  }

  /**
   * Ends a hold on a bundle's renderer; the last one destroys it.
   *
   * @param bundle the renderer bundle
   */
  public void release(Bundle bundle) {
    Renderer ended = null;
    synchronized (this) {
      Renderer renderer = byBundle.get(bundle);
      if (renderer != null && holds.merge(renderer, -1, Integer::sum) == 0) {
        holds.remove(renderer);
        byBundle.remove(bundle);
        byId.remove(renderer.getId());
        ended = renderer;
      }
    }
    if (ended != null) {
      destroyed(ended, releaseReason(bundle));
    }
  }

  /** Tells a stopping bundle from a running one that let go of IpcRenderer and its listeners. */
  private static String releaseReason(Bundle bundle) {
    int state = bundle == null ? 0 : bundle.getState();
    return state == Bundle.STOPPING || state == Bundle.RESOLVED || state == Bundle.UNINSTALLED
        ? "its bundle stopped" : "its bundle stopped using ipcbus";
  }

  /**
   * @param bundle a bundle
   * @return its renderer, if it has one
   */
  public synchronized Optional<Renderer> find(Bundle bundle) {
    return Optional.ofNullable(byBundle.get(bundle));
  }

  /** @return the live renderers, ordered by id */
  public List<WebContents> all() {
    return new ArrayList<>(byId.values());
  }

  /**
   * @param id a WebContents id
   * @return the live renderer with that id
   */
  public Optional<WebContents> fromId(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** @return the live renderers, ordered by id */
  public List<Renderer> renderers() {
    return new ArrayList<>(byId.values());
  }

  /** Called with this registry's lock held, so that a renderer's created is queued before its messages. */
  private void created(Renderer renderer) {
    byId.put(renderer.getId(), renderer);
    bus.webContentsEvents().created(renderer);
    bus.changes().bump();
  }

  /** Its destroyed is queued after its last message, which the destroy stops any more of. */
  private void destroyed(Renderer renderer, String reason) {
    renderer.destroy(reason);
    bus.webContentsEvents().destroyed(renderer, reason);
    bus.changes().bump();
  }

  /**
   * Destroys every renderer; the bus is closing. Their destroyed events are the bus's to run, once
   * main's thread has ended.
   *
   * @return the renderers destroyed
   */
  List<Renderer> destroyAll(String reason) {
    List<Renderer> ended;
    synchronized (this) {
      ended = new ArrayList<>(byId.values());
      byBundle.clear();
      holds.clear();
      byId.clear();
    }
    ended.forEach(renderer -> renderer.destroy(reason));
    bus.changes().bump();
    return ended;
  }

  /**
   * Creates the renderer of a bundle in another process. It is not one of {@code speaker}'s own:
   * it lives until {@link #detach} ends it.
   *
   * @param speaker the bundle in main that speaks for the process
   * @param origin the process and the bundle in it
   * @return the new renderer
   */
  public synchronized Renderer attach(Bundle speaker, RemoteOrigin origin) {
    bus.checkOpen();
    Renderer renderer = new Renderer(lastId.incrementAndGet(), speaker, origin, bus);
    created(renderer);
    return renderer;
  }

  /**
   * Destroys a renderer made by {@link #attach}.
   *
   * @param renderer the renderer
   * @param reason why, for the exceptions' messages
   */
  public void detach(Renderer renderer, String reason) {
    if (byId.remove(renderer.getId(), renderer)) {
      destroyed(renderer, reason);
    }
  }

  private Renderer create(Bundle bundle) {
    Renderer renderer = new Renderer(lastId.incrementAndGet(), bundle, null, bus);
    created(renderer);
    return renderer;
  }
}
