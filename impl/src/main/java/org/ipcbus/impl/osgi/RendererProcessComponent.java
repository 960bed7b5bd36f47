package org.ipcbus.impl.osgi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ipcbus.impl.process.ProcessSettings;
import org.ipcbus.impl.process.RendererProcess;
import org.ipcbus.impl.process.RendererProcesses;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One renderer process per factory configuration {@code org.ipcbus.process}: launched when the
 * configuration comes, stopped when it goes; a changed configuration starts it anew.
 */
@Component(configurationPid = RendererProcessConfiguration.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RendererProcessConfiguration.class, factory = true)
public final class RendererProcessComponent {

  @Reference
  private RendererProcesses processes;

  private RendererProcess process;

  @Activate
  void activate(BundleContext context, RendererProcessConfiguration configuration) throws IOException {
    process = processes.start(settings(context, configuration));
  }

  @Deactivate
  void deactivate() {
    processes.stop(process);
  }

  static ProcessSettings settings(BundleContext context, RendererProcessConfiguration configuration) {
    String name = configuration.name();
    String hostJar = configuration.host_jar().isBlank()
        ? context.getProperty(RendererProcessConfiguration.HOST_JAR_PROPERTY) : configuration.host_jar();
    if (configuration.launch() && (hostJar == null || !Files.isRegularFile(Path.of(hostJar)))) {
      throw new IllegalArgumentException("renderer process '" + name + "': the renderer host jar "
          + (hostJar == null ? "is not set (host.jar, or the framework property "
              + RendererProcessConfiguration.HOST_JAR_PROPERTY + ")" : hostJar + " does not exist"));
    }
    String java = configuration.java().isBlank()
        ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : configuration.java();
    return new ProcessSettings(name, List.of(configuration.bundles()), Path.of(java),
        hostJar == null ? null : Path.of(hostJar), List.of(configuration.vm_options()),
        environment(name, configuration.environment()), configuration.launch(), configuration.max_crashes(),
        configuration.crash_window_ms(), configuration.heartbeat_ms(), configuration.unresponsive_ms(),
        configuration.kill_unresponsive_ms(), configuration.handshake_ms(), configuration.read_spin_us());
  }

  private static Map<String, String> environment(String name, String[] entries) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("renderer process '" + name + "': environment entry '" + entry
            + "' is not NAME=value (all entries: " + Arrays.toString(entries) + ")");
      }
      environment.put(entry.substring(0, equals), entry.substring(equals + 1));
    }
    return environment;
  }
}
