package org.ipcbus.impl.osgi;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.HandlerRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Wires {@link IpcMainHandler} whiteboard services in as {@code ipcMain.handle}. A channel has one
 * handler: of several services, the one with the highest service.ranking (then the lowest
 * service.id) wins and the others wait, shadowed, to take over when it goes. A handler set with
 * {@code IpcMain.handle} keeps its channel until it is removed.
 */
final class HandlerTracker extends WhiteboardTracker<IpcMainHandler> {

  private final Bus bus;
  /** Per channel, the candidate services in ServiceReference order (the best last). */
  private final Map<String, TreeMap<ServiceReference<IpcMainHandler>, IpcMainHandler>> candidates = new HashMap<>();

  HandlerTracker(BundleContext context, Bus bus) {
    super(context, IpcMainHandler.class, bus.log());
    this.bus = bus;
    bus.handlers().onFreed(this::install);
  }

  @Override
  synchronized void wire(WhiteboardService<IpcMainHandler> tracked) {
    for (String channel : tracked.channels()) {
      candidates.computeIfAbsent(channel, key -> new TreeMap<>()).put(tracked.reference(), tracked.service());
      install(channel);
    }
  }

  @Override
  synchronized void unwire(WhiteboardService<IpcMainHandler> tracked) {
    for (String channel : tracked.channels()) {
      TreeMap<ServiceReference<IpcMainHandler>, IpcMainHandler> waiting = candidates.get(channel);
      waiting.remove(tracked.reference());
      if (waiting.isEmpty()) {
        candidates.remove(channel);
      }
      // Removing it frees the channel, and the freed callback installs the next candidate.
      bus.handlers().remove(channel, owner -> owner == tracked.reference());
    }
  }

  /** Gives a channel to its best candidate, if the channel is free or held by a worse candidate. */
  private synchronized void install(String channel) {
    TreeMap<ServiceReference<IpcMainHandler>, IpcMainHandler> waiting = candidates.get(channel);
    if (waiting == null) {
      return;
    }
    Map.Entry<ServiceReference<IpcMainHandler>, IpcMainHandler> best = waiting.lastEntry();
    HandlerRegistry.Entry current = bus.handlers().get(channel);
    if (current != null && current.owner() == best.getKey()) {
      return;
    }
    HandlerRegistry.Entry entry = new HandlerRegistry.Entry(best.getValue(), false, best.getKey());
    if (current != null && current.owner() instanceof ServiceReference<?> holder
        && waiting.containsKey(holder)) {
      bus.handlers().replace(channel, current, entry);
    } else if (!bus.handlers().trySet(channel, entry)) {
      bus.log().warn("Whiteboard handler service " + best.getKey() + " is shadowed on channel '"
          + channel + "': IpcMain.handle set a handler first");
    }
  }
}
