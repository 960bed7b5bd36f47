package org.ipcbus.launcher;

import java.net.URL;
import java.security.CodeSource;

import org.apache.felix.main.Main;

/**
 * The main class of a runnable ipcbus jar: Apache Felix's launcher ({@link Main}) with its
 * configuration and its bundles inside the jar itself.
 *
 * <p>Felix's launcher looks for {@code conf/config.properties} next to {@code felix.jar} or in the
 * working directory; a single jar started from anywhere has neither. So this sets
 * {@code felix.config.properties} to the jar's own {@value #CONFIGURATION} (unless the command line
 * set it) and {@value #BUNDLES_PROPERTY} to the jar's {@code bundles/} folder, which that
 * configuration's {@code felix.auto.start.N} lines name as {@code ${ipcbus.launch.bundles}}. Felix
 * does the rest: the framework, its storage, the auto-start of bundles by start level, the shutdown
 * hook, and the exit when the framework stops.
 *
 * <p>The bnd launcher that bnd-export-maven-plugin 7.1.0 embeds cannot start on Java 24 and later
 * (it sets a system-wide security Policy, which JEP 486 removed); Felix's launcher runs on 17 to 25.
 */
public final class Launch {

  /** The Felix configuration inside the jar. */
  public static final String CONFIGURATION = "launch.properties";

  /** The system property holding the URL of the jar's {@code bundles/} folder, ending in '/'. */
  public static final String BUNDLES_PROPERTY = "ipcbus.launch.bundles";

  private static final String FELIX_CONFIGURATION_PROPERTY = "felix.config.properties";

  private Launch() {}

  /**
   * Starts the framework of this jar and returns when it has stopped (Felix then exits the JVM).
   *
   * @param args passed to Felix's launcher: {@code [-b <deploy-dir>] [<cache-dir>]}
   * @throws Exception if Felix cannot start
   */
  public static void main(String[] args) throws Exception {
    URL configuration = Launch.class.getClassLoader().getResource(CONFIGURATION);
    if (configuration == null) {
      throw new IllegalStateException(CONFIGURATION + " is missing from the jar: it was not built as a runnable ipcbus jar");
    }
    if (System.getProperty(FELIX_CONFIGURATION_PROPERTY) == null) {
      System.setProperty(FELIX_CONFIGURATION_PROPERTY, configuration.toExternalForm());
    }
    if (System.getProperty(BUNDLES_PROPERTY) == null) {
      System.setProperty(BUNDLES_PROPERTY, "jar:" + jarLocation() + "!/bundles/");
    }
    Main.main(args);
  }

  private static String jarLocation() {
    CodeSource source = Launch.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("cannot tell which jar " + Launch.class.getName() + " was loaded from");
    }
    return source.getLocation().toExternalForm();
  }
}
