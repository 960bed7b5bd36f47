package org.ipcbus.itests;

import java.io.File;
import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.WebContents;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Renderer processes for the tests: factory configurations {@code org.ipcbus.process} through
 * Config Admin, as a user makes them, with the renderer host jar this build made.
 */
final class ChildProcesses {

  private static final String FACTORY_PID = "org.ipcbus.process";
  private static final long OWN_PID = ProcessHandle.current().pid();

  private ChildProcesses() {}

  /** @return the jar path of a bundle this build made, as a file: URL for a child's framework */
  static String bundleUrl(String property) {
    return new File(System.getProperty(property)).toURI().toString();
  }

  /**
   * Launches a renderer process.
   *
   * @param settings more properties of the configuration (e.g. max.crashes)
   * @return its configuration; delete it to stop the process
   */
  static Configuration launch(BundleContext context, String name, List<String> bundles,
      Map<String, Object> settings) throws IOException {
    ConfigurationAdmin admin = context.getService(context.getServiceReference(ConfigurationAdmin.class));
    Configuration configuration = admin.getFactoryConfiguration(FACTORY_PID, name, "?");
    Hashtable<String, Object> properties = new Hashtable<>(settings);
    properties.put("name", name);
    properties.put("bundles", bundles.toArray(new String[0]));
    properties.put("host.jar", System.getProperty("ipcbus.host.jar"));
    configuration.update(properties);
    return configuration;
  }

  /** @return a live WebContents of another process than this one, if there is one */
  static Optional<WebContents> remote(IpcMain ipcMain) {
    return ipcMain.getAllWebContents().stream()
        .filter(contents -> contents.getOSProcessId() != OWN_PID && !contents.isDestroyed()).findFirst();
  }

  /** Waits for a live WebContents of another process, other than the one given (may be null). */
  static WebContents awaitRemote(IpcMain ipcMain, WebContents not) {
    WebContents[] found = new WebContents[1];
    Await.until("a renderer of a child process is live", () -> {
      Optional<WebContents> contents = remote(ipcMain).filter(candidate -> candidate != not);
      contents.ifPresent(match -> found[0] = match);
      return contents.isPresent();
    });
    return found[0];
  }

  /** @return whether the process with that id is alive */
  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
