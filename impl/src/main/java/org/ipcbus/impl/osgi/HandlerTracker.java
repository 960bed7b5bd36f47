package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.impl.bus.AccessPolicy;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.HandlerRegistry;
import org.ipcbus.impl.bus.ListenerEntry;
import org.ipcbus.impl.bus.Role;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Wires {@link IpcMainHandler} whiteboard services in as {@code ipcMain.handle}. A channel has one
 * handler: of several services the policy lets handle it, the one with the highest service.ranking
 * (then the lowest service.id) wins and the others wait, shadowed, to take over when it goes. A
 * handler set with {@code IpcMain.handle} keeps its channel until it is removed, or until the
 * policy suspends it and a service allowed there comes.
 */
final class HandlerTracker extends WhiteboardTracker<IpcMainHandler> {

  /** Per channel, the candidate services in ServiceReference order (the best last). */
  private final Map<String, TreeMap<ServiceReference<IpcMainHandler>, WhiteboardService<IpcMainHandler>>> candidates =
      new HashMap<>();

  HandlerTracker(BundleContext context, Bus bus) {
    super(context, IpcMainHandler.class, bus);
    bus.handlers().onFreed(this::install);
  }

  @Override
  Role role() {
    return Role.HANDLE;
  }

  @Override
  synchronized void wireOn(WhiteboardService<IpcMainHandler> tracked, String channel) {
    candidates.computeIfAbsent(channel, key -> new TreeMap<>()).put(tracked.reference(), tracked);
    install(channel);
  }

  @Override
  synchronized void unwireOn(WhiteboardService<IpcMainHandler> tracked, String channel) {
    TreeMap<ServiceReference<IpcMainHandler>, WhiteboardService<IpcMainHandler>> waiting = candidates.get(channel);
    if (waiting != null) {
      waiting.remove(tracked.reference());
      if (waiting.isEmpty()) {
        candidates.remove(channel);
      }
    }
    // Removing it frees the channel, and the freed callback installs the next candidate.
    bus.handlers().remove(channel, owner -> owner == tracked.reference());
  }

  /**
   * Applies a new policy to the services, then offers every channel to its best candidate: a
   * handler added through IpcMain that the policy now suspends no longer keeps a channel from them.
   */
  @Override
  synchronized void applyPolicy(AccessPolicy policy) {
    super.applyPolicy(policy);
    for (String channel : new ArrayList<>(candidates.keySet())) {
      ListenerEntry<IpcMainHandler> current = bus.handlers().get(channel);
      if (current == null || current.denial() != null) {
        install(channel);
      }
    }
  }

  /** Adds the services shadowed on some channel to those that failed outright. */
  @Override
  synchronized List<FailedServiceDTO> failedServices() {
    List<FailedServiceDTO> failed = super.failedServices();
    Map<WhiteboardService<IpcMainHandler>, List<String>> shadowed = new HashMap<>();
    candidates.forEach((channel, waiting) -> {
      ListenerEntry<IpcMainHandler> current = bus.handlers().get(channel);
      waiting.forEach((reference, tracked) -> {
        if (current == null || current.owner() != reference) {
          shadowed.computeIfAbsent(tracked, key -> new ArrayList<>()).add(channel);
        }
      });
    });
    shadowed.forEach((tracked, channels) -> failed.add(tracked.toFailedDTO(
        DTOConstants.FAILURE_REASON_SHADOWED, "another handler holds the channel", channels)));
    return failed;
  }

  /** Gives a channel to its best candidate, if the channel is free or held by a worse candidate. */
  private synchronized void install(String channel) {
    TreeMap<ServiceReference<IpcMainHandler>, WhiteboardService<IpcMainHandler>> waiting = candidates.get(channel);
    if (waiting == null) {
      return;
    }
    Map.Entry<ServiceReference<IpcMainHandler>, WhiteboardService<IpcMainHandler>> best = waiting.lastEntry();
    ListenerEntry<IpcMainHandler> current = bus.handlers().get(channel);
    if (current != null && current.owner() == best.getKey()) {
      return;
    }
    ListenerEntry<IpcMainHandler> entry = HandlerRegistry.entry(best.getValue().service(), false,
        best.getKey(), best.getValue().actor());
    if (current != null && current.owner() instanceof ServiceReference<?> holder
        && waiting.containsKey(holder)) {
      bus.handlers().replace(channel, current, entry);
    } else if (!bus.handlers().trySet(channel, entry)) {
      bus.log().warn("Whiteboard " + best.getValue() + " is shadowed on channel '" + channel
          + "': IpcMain.handle set a handler first");
    }
  }
}
