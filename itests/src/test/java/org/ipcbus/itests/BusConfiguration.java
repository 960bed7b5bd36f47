package org.ipcbus.itests;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Sets the {@code org.ipcbus} configuration through Config Admin and waits until SCR applied it. */
final class BusConfiguration {

  private static final String COMPONENT = "org.ipcbus.impl.osgi.IpcBusComponent";

  private BusConfiguration() {}

  static void apply(BundleContext context, Map<String, Object> settings) throws IOException {
    ConfigurationAdmin configurationAdmin = service(context, ConfigurationAdmin.class);
    Configuration configuration = configurationAdmin.getConfiguration("org.ipcbus", "?");
    configuration.update(new Hashtable<>(settings));
    ServiceComponentRuntime scr = service(context, ServiceComponentRuntime.class);
    Await.until("ipcbus has the configuration " + settings, () -> {
      ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(
          bundleOf(context, "org.ipcbus.impl"), COMPONENT);
      return description != null && scr.getComponentConfigurationDTOs(description).stream()
          .anyMatch(active -> settings.entrySet().stream().allMatch(setting ->
              String.valueOf(setting.getValue()).equals(String.valueOf(active.properties.get(setting.getKey())))));
    });
  }

  static void reset(BundleContext context) throws IOException {
    Configuration[] existing;
    try {
      existing = service(context, ConfigurationAdmin.class).listConfigurations("(service.pid=org.ipcbus)");
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
