package org.ipcbus.itests;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Sets the {@code org.ipcbus} and {@code org.ipcbus.policy} configurations through Config Admin and
 * waits until SCR applied them to their components.
 */
final class BusConfiguration {

  private static final String BUS_PID = "org.ipcbus";
  private static final String BUS_COMPONENT = "org.ipcbus.impl.osgi.IpcBusComponent";
  private static final String POLICY_PID = "org.ipcbus.policy";
  private static final String POLICY_COMPONENT = "org.ipcbus.impl.osgi.AccessPolicyComponent";

  private BusConfiguration() {}

  static void apply(BundleContext context, Map<String, Object> settings) throws IOException {
    apply(context, BUS_PID, BUS_COMPONENT, settings);
  }

  static void reset(BundleContext context) throws IOException {
    reset(context, BUS_PID);
  }

  /** Sets the channel access policy rules, e.g. {@code "admin.*=(Bundle-SymbolicName=com.acme.*)"}. */
  static void policy(BundleContext context, String... rules) throws IOException {
    apply(context, POLICY_PID, POLICY_COMPONENT, Map.of("rules", rules));
  }

  /** Sets a policy without rules, which allows everything, as no policy does. */
  static void resetPolicy(BundleContext context) throws IOException {
    policy(context);
  }

  private static void apply(BundleContext context, String pid, String component,
      Map<String, Object> settings) throws IOException {
    ConfigurationAdmin configurationAdmin = service(context, ConfigurationAdmin.class);
    Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
    configuration.update(new Hashtable<>(settings));
    ServiceComponentRuntime scr = service(context, ServiceComponentRuntime.class);
    Await.until(component + " has the configuration " + settings, () -> {
      ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(
          bundleOf(context, "org.ipcbus.impl"), component);
      return description != null && scr.getComponentConfigurationDTOs(description).stream()
          .anyMatch(active -> settings.entrySet().stream().allMatch(setting ->
              sameValue(setting.getValue(), active.properties.get(setting.getKey()))));
    });
  }

  /** Config Admin may hand a number back as another type, and arrays compare by content. */
  private static boolean sameValue(Object set, Object active) {
    return Objects.deepEquals(set, active) || String.valueOf(set).equals(String.valueOf(active));
  }

  private static void reset(BundleContext context, String pid) throws IOException {
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

  private static Bundle bundleOf(BundleContext context, String symbolicName) {
    for (Bundle bundle : context.getBundles()) {
      if (symbolicName.equals(bundle.getSymbolicName())) {
        return bundle;
      }
    }
    throw new IllegalStateException(symbolicName + " is not installed");
  }

  private static <S> S service(BundleContext context, Class<S> type) {
    ServiceReference<S> reference = context.getServiceReference(type);
    if (reference == null) {
      throw new IllegalStateException(type.getName() + " is not registered");
    }
    return context.getService(reference);
  }
}
