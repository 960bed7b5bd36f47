package org.ipcbus.impl.osgi;

import java.util.Dictionary;

import org.ipcbus.impl.bus.AccessPolicy;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.BusConfig;
import org.ipcbus.impl.bus.Role;
import org.osgi.framework.Constants;

/**
 * The service properties of the IpcRuntime service: its change count, and the settings in force,
 * under the names of their configuration properties, so that a tool (or a test) sees when a new
 * configuration has been applied and not only delivered.
 */
final class RuntimeProperties {


  private RuntimeProperties() {}

  static Dictionary<String, Object> of(Bus bus, long changeCount) {
    Dictionary<String, Object> properties = IpcBusComponent.described("runtime state of channels and renderers");
    properties.put(Constants.SERVICE_CHANGECOUNT, changeCount);
    BusConfig config = bus.config();
    properties.put("sync.timeout.ms", config.syncTimeoutMillis());
    properties.put("invoke.timeout.ms", config.invokeTimeoutMillis());
    properties.put("queue.capacity", config.queueCapacity());
    properties.put("queue.bytes", config.queueBytes());
    properties.put("max.message.bytes", config.cloneLimits().maxBytes());
    properties.put("max.depth", config.cloneLimits().maxDepth());
    properties.put("slow.listener.ms", config.slowListenerMillis());
    properties.put("handoff.ms", config.handOffMillis());
    // The policy whose application ended, each role as its rules, "allow all" or "deny all: why":
    // ipc.access.policy (send), ipc.access.policy.listen, ...
    AccessPolicy policy = bus.appliedAccessPolicy();
    for (Role role : Role.values()) {
      properties.put(role.runtimeProperty(), policy.rules(role).toString());
    }
    return properties;
  }
}
