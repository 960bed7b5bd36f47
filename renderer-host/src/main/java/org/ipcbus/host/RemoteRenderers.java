package org.ipcbus.host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ipcbus.api.MessagePortMain;
import org.osgi.framework.Bundle;

/**
 * The renderers of this process, one per bundle, as in main's framework: a bundle's renderer lives
 * while the bundle holds it (uses IpcRenderer or has IpcRendererListener services); main gives it
 * its WebContents id when it is opened and destroys it when the last hold ends.
 */
final class RemoteRenderers {

  private final HostConnection main;
  private final Map<Bundle, RemoteRenderer> byBundle = new HashMap<>();
  private final Map<Bundle, Integer> holds = new HashMap<>();
  private final Map<Long, RemoteRenderer> byId = new ConcurrentHashMap<>();

  RemoteRenderers(HostConnection main) {
    this.main = main;
  }

  /**
   * Adds a hold on a bundle's renderer, opening it with main if there is none.
   *
   * @param bundle the renderer bundle
   * @return its renderer
   */
  synchronized RemoteRenderer acquire(Bundle bundle) {
    RemoteRenderer renderer = byBundle.get(bundle);
    if (renderer == null) {
      long id = main.open(bundle);
      renderer = new RemoteRenderer(id, bundle, main);
      byBundle.put(bundle, renderer);
      byId.put(id, renderer);
    }
    holds.merge(bundle, 1, Integer::sum);
    return renderer;
  }

  /** Ends a hold; the last one closes the renderer with main. */
  void release(Bundle bundle) {
    RemoteRenderer ended = null;
    synchronized (this) {
      if (byBundle.containsKey(bundle) && holds.merge(bundle, -1, Integer::sum) == 0) {
        holds.remove(bundle);
        ended = byBundle.remove(bundle);
        byId.remove(ended.getId());
      }
    }
    if (ended != null) {
      ended.destroy("its bundle stopped using ipcbus");
      main.close(ended.getId());
    }
  }

  /** @return the renderer of a bundle, or null */
  synchronized RemoteRenderer find(Bundle bundle) {
    return byBundle.get(bundle);
  }

  /** Hands a message from main to a renderer; one that is gone meanwhile drops it. */
  void deliver(long id, String channel, Object[] args) {
    RemoteRenderer renderer = byId.get(id);
    if (renderer != null) {
      renderer.deliver(channel, args);
    }
  }

  /** Hands main's postMessage with ports to a renderer; one that is gone meanwhile drops it and closes them. */
  void deliverPosted(long id, String channel, Object message, List<MessagePortMain> ports) {
    RemoteRenderer renderer = byId.get(id);
    if (renderer != null) {
      renderer.deliverPosted(channel, message, ports);
    } else {
      ports.forEach(MessagePortMain::close);
    }
  }

  /** Main destroyed a renderer. */
  void destroyed(long id, String reason) {
    RemoteRenderer renderer = byId.remove(id);
    if (renderer != null) {
      synchronized (this) {
        byBundle.remove(renderer.bundle());
        holds.remove(renderer.bundle());
      }
      renderer.destroy(reason);
    }
  }

  /** Destroys every renderer: main is gone. */
  void destroyAll(String reason) {
    List<RemoteRenderer> all;
    synchronized (this) {
      all = List.copyOf(byBundle.values());
      byBundle.clear();
      holds.clear();
      byId.clear();
    }
    all.forEach(renderer -> renderer.destroy(reason));
  }
}
