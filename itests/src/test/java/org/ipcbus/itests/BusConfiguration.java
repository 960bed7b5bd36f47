package org.ipcbus.itests;

import java.io.IOException;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.ipcbus.api.runtime.IpcRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Sets the {@code org.ipcbus} and {@code org.ipcbus.policy} configurations through Config Admin and
 * waits until the bus applied them: the IpcRuntime service shows the settings in force as its
 * properties. (Waiting for SCR to report the configuration is not enough: SCR reports it before
 * the component's modified method has run.)
 */
final class BusConfiguration {

  private static final String BUS_PID = "org.ipcbus";
  private static final String POLICY_PID = "org.ipcbus.policy";
  private static final String ACCESS_POLICY = "ipc.access.policy";
  private static final List<String> ROLE_PROPERTIES = List.of("rules", "listen.rules", "handle.rules",
      "intercept.rules", "main.send.rules");

  /** The defaults of PID org.ipcbus, as the README documents them. */
  private static final Map<String, Object> DEFAULTS = Map.of("sync.timeout.ms", 30_000L,
      "invoke.timeout.ms", 30_000L, "queue.capacity", 10_000, "queue.bytes", 67_108_864L,
      "max.message.bytes", 67_108_864L, "max.depth", 256, "slow.listener.ms", 1_000L,
      "handoff.ms", 5_000L);

  private BusConfiguration() {}

  static void apply(BundleContext context, Map<String, Object> settings) throws IOException {
    update(context, BUS_PID, settings);
    awaitRuntime(context, "the settings " + settings, runtime -> settings.entrySet().stream()
        .allMatch(setting -> sameValue(setting.getValue(), runtime.getProperty(setting.getKey()))));
  }

  /** Writes settings without waiting: for settings the bus is expected to refuse. */
  static void write(BundleContext context, Map<String, Object> settings) throws IOException {
    update(context, BUS_PID, settings);
  }

  static void reset(BundleContext context) throws IOException {
    delete(context, BUS_PID);
    awaitRuntime(context, "the default settings", runtime -> DEFAULTS.entrySet().stream()
        .allMatch(setting -> setting.getValue().equals(runtime.getProperty(setting.getKey()))));
  }

  /**
   * Sets the channel access policy's send rules, e.g. {@code "admin.*=(Bundle-SymbolicName=com.acme.*)"},
   * and no rules for the other roles, and waits until it is in force (or refuses everything, for
   * invalid rules).
   */
  static void policy(BundleContext context, String... rules) throws IOException {
    policyOfRoles(context, Map.of("rules", rules));
  }

  /**
   * Sets the rules of the policy's roles by their configuration properties ({@code rules},
   * {@code listen.rules}, {@code handle.rules}, {@code intercept.rules}, {@code main.send.rules});
   * a role not given has none. Waits until the runtime shows each role's rules in force (or "deny
   * all", for invalid rules), which it does once the policy is applied to every registration.
   */
  static void policyOfRoles(BundleContext context, Map<String, String[]> rulesByProperty) throws IOException {
    update(context, POLICY_PID, new Hashtable<>(rulesByProperty));
    Map<String, String> expected = new HashMap<>();
    for (String property : ROLE_PROPERTIES) {
      String[] rules = rulesByProperty.getOrDefault(property, new String[0]);
      expected.put(runtimeProperty(property), rules.length == 0 ? "allow all" : String.join(", ", rules));
    }
    awaitRuntime(context, "the policy " + expected, runtime -> expected.entrySet().stream().allMatch(role -> {
      Object inForce = runtime.getProperty(role.getKey());
      return role.getValue().equals(inForce) || String.valueOf(inForce).startsWith("deny all");
    }));
  }

  /** Sets a policy without rules, which allows everything, as no policy does. */
  static void resetPolicy(BundleContext context) throws IOException {
    policy(context);
  }

  /** The IpcRuntime property that shows the rules of a configuration property in force. */
  private static String runtimeProperty(String property) {
    return property.equals("rules") ? ACCESS_POLICY
        : ACCESS_POLICY + "." + property.substring(0, property.length() - ".rules".length());
  }

  private static void update(BundleContext context, String pid, Map<String, Object> settings)
      throws IOException {
    Configuration configuration = service(context, ConfigurationAdmin.class).getConfiguration(pid, "?");
    configuration.update(new Hashtable<>(settings));
  }

  private static void delete(BundleContext context, String pid) throws IOException {
    Configuration[] existing;
    try {
      existing = service(context, ConfigurationAdmin.class).listConfigurations("(service.pid=" + pid + ")");
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (existing != null) {
      for (Configuration configuration : existing) {
        configuration.delete();
      }
    }
  }

  private static void awaitRuntime(BundleContext context, String what,
      Predicate<ServiceReference<IpcRuntime>> applied) {
    // A configuration passes Config Admin's and SCR's own threads before the bus applies it; on a
    // 2-core machine loaded by other builds that once took longer than Await's usual 10 s.
    Await.within(30_000, "ipcbus has " + what, () -> {
      ServiceReference<IpcRuntime> runtime = context.getServiceReference(IpcRuntime.class);
      return runtime != null && applied.test(runtime);
    });
  }

  /** Config Admin may hand a number back as another type, and arrays compare by content. */
  private static boolean sameValue(Object set, Object active) {
    return Objects.deepEquals(set, active) || String.valueOf(set).equals(String.valueOf(active));
  }

  private static <S> S service(BundleContext context, Class<S> type) {
    ServiceReference<S> reference = context.getServiceReference(type);
    if (reference == null) {
      throw new IllegalStateException(type.getName() + " is not registered");
    }
    return context.getService(reference);
  }
}
