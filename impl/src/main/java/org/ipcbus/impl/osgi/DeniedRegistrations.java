package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.ipcbus.api.runtime.DeniedRegistrationDTO;
import org.ipcbus.impl.bus.AccessPolicy;
import org.ipcbus.impl.bus.Actor;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.Interceptors;
import org.ipcbus.impl.bus.ListenerEntry;
import org.ipcbus.impl.bus.Role;
import org.osgi.framework.Bundle;

/**
 * What the access policy refuses, channel by channel, for one runtime snapshot: listeners and
 * handlers added through IpcMain that it suspends, whiteboard services it keeps unwired, and
 * interceptors it keeps from the channel.
 */
final class DeniedRegistrations {

  private final Map<String, List<DeniedRegistrationDTO>> byChannel = new TreeMap<>();

  /**
   * Collects what the whiteboard trackers keep unwired; the rest is added per channel by
   * {@link #of}, since IpcMain's registrations and the interceptors are found by channel.
   *
   * @param trackers the whiteboard trackers
   */
  DeniedRegistrations(List<WhiteboardTracker<?>> trackers) {
    for (WhiteboardTracker<?> tracker : trackers) {
      Role role = tracker.role();
      if (role == null) {
        continue;
      }
      for (WhiteboardService<?> service : tracker.services()) {
        service.denied().forEach((channel, why) ->
            add(channel, role, service.actor(), service.serviceId(), why));
      }
    }
  }

  /** @return the channels on which a whiteboard service is refused */
  Set<String> channels() {
    return byChannel.keySet();
  }

  /**
   * Returns everything refused on one channel.
   *
   * @param channel the channel
   * @param bus the bus, for its listeners, handlers and policy
   * @param interceptors the interceptors, with their service ids
   * @return the DTOs
   */
  DeniedRegistrationDTO[] of(String channel, Bus bus,
      Map<Long, Interceptors.Entry> interceptors) {
    List<DeniedRegistrationDTO> denied = new ArrayList<>(byChannel.getOrDefault(channel, List.of()));
    for (ListenerEntry<?> entry : bus.mainListeners().get(channel)) {
      if (entry.denial() != null) {
        denied.add(dto(Role.LISTEN, entry.actor(), -1, entry.denial()));
      }
    }
    ListenerEntry<?> handler = bus.handlers().get(channel);
    if (handler != null && handler.denial() != null) {
      denied.add(dto(Role.HANDLE, handler.actor(), -1, handler.denial()));
    }
    AccessPolicy policy = bus.accessPolicy();
    interceptors.forEach((serviceId, entry) -> {
      if (entry.covers(channel)) {
        String why = policy.refusal(Role.INTERCEPT, entry.actor(), channel);
        if (why != null) {
          denied.add(dto(Role.INTERCEPT, entry.actor(), serviceId, why));
        }
      }
    });
    return denied.toArray(DeniedRegistrationDTO[]::new);
  }

  private void add(String channel, Role role, Actor actor, long serviceId, String why) {
    byChannel.computeIfAbsent(channel, key -> new ArrayList<>()).add(dto(role, actor, serviceId, why));
  }

  private static DeniedRegistrationDTO dto(Role role, Actor actor, long serviceId, String why) {
    DeniedRegistrationDTO dto = new DeniedRegistrationDTO();
    dto.role = role.key();
    Bundle bundle = actor.bundle();
    dto.bundleId = bundle == null ? -1 : bundle.getBundleId();
    dto.bundleSymbolicName = bundle == null ? null : bundle.getSymbolicName();
    dto.serviceId = serviceId;
    dto.reason = why;
    return dto;
  }
}
