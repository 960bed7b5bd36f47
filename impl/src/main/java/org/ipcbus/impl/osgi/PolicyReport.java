package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ipcbus.impl.bus.AccessPolicy;
import org.ipcbus.impl.bus.Actor;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.MainClient;
import org.ipcbus.impl.bus.PolicySubject;
import org.ipcbus.impl.bus.Renderer;
import org.ipcbus.impl.bus.Role;
import org.ipcbus.impl.bus.RoleRules;
import org.osgi.framework.Bundle;

/**
 * The access policy in force, rule by rule, with the bundles each rule lets act now, of those
 * ipcbus knows: the bundles that hold IpcMain, that registered whiteboard listeners, handlers or
 * interceptors, and the renderers. What {@code ipc:policy} prints; a service private to this
 * bundle.
 */
public final class PolicyReport {

  /**
   * One line of the report.
   *
   * @param role the role's short name
   * @param property the configuration property of its rules
   * @param rule the rule as configured, "-" for none, or "invalid: why"
   * @param allows the bundles it allows now
   */
  public record Line(String role, String property, String rule, String allows) {}

  private final Bus bus;
  private final List<WhiteboardTracker<?>> trackers;
  private final InterceptorTracker interceptors;

  PolicyReport(Bus bus, List<WhiteboardTracker<?>> trackers, InterceptorTracker interceptors) {
    this.bus = bus;
    this.trackers = trackers;
    this.interceptors = interceptors;
  }

  /** @return a line for each rule of each role, and one for each role without rules */
  public List<Line> lines() {
    AccessPolicy policy = bus.appliedAccessPolicy();
    Map<String, PolicySubject> known = known();
    List<Line> lines = new ArrayList<>();
    for (Role role : Role.values()) {
      RoleRules rules = policy.rules(role);
      if (rules.invalidReason() != null) {
        lines.add(new Line(role.key(), role.property(), "invalid: " + rules.invalidReason(),
            "none: the role refuses everything"));
      } else if (rules.isOpen()) {
        lines.add(new Line(role.key(), role.property(), "-", "all, on every channel"));
      }
      for (AccessPolicy.Rule rule : rules.rules()) {
        List<String> allowed = new ArrayList<>();
        known.forEach((label, subject) -> {
          if (rule.filter().match(subject.headers())) {
            allowed.add(label);
          }
        });
        lines.add(new Line(role.key(), role.property(), rule.glob() + "=" + rule.filter(),
            allowed.isEmpty() ? "none of them" : String.join(", ", allowed)));
      }
    }
    return lines;
  }

  /** @return the bundles ipcbus knows now, by the label the report shows them with */
  public List<String> knownBundles() {
    return new ArrayList<>(known().keySet());
  }

  private Map<String, PolicySubject> known() {
    Map<String, PolicySubject> known = new TreeMap<>();
    for (MainClient client : bus.mainClients()) {
      add(known, client.actor());
    }
    for (WhiteboardTracker<?> tracker : trackers) {
      tracker.services().forEach(service -> add(known, service.actor()));
    }
    interceptors.entries().values().forEach(entry -> add(known, entry.actor()));
    for (Renderer renderer : bus.renderers().renderers()) {
      if (renderer.origin() == null) {
        add(known, new Actor(renderer.getBundle()));
      } else {
        // A renderer of another process is matched by the headers its process reported.
        known.putIfAbsent(renderer.symbolicName() + " in process '" + renderer.origin().processName()
            + "'", renderer);
      }
    }
    return known;
  }

  private static void add(Map<String, PolicySubject> known, Actor actor) {
    Bundle bundle = actor.bundle();
    if (bundle != null) {
      known.putIfAbsent(bundle.getSymbolicName() + " (" + bundle.getBundleId() + ")", actor);
    }
  }
}
