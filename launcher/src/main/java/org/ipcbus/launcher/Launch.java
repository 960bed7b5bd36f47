package org.ipcbus.launcher;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;

import org.apache.felix.main.Main;

/**
 * The main class of a runnable ipcbus jar: Apache Felix's launcher ({@link Main}) with its
 * configuration and its bundles inside the jar itself.
 *
 * <p>Felix's launcher looks for {@code conf/config.properties} next to {@code felix.jar} or in the
 * working directory; a single jar started from anywhere has neither. So this sets
 * {@code felix.config.properties} to the jar's own {@value #CONFIGURATION} (unless the command line
 * set it), {@value #BUNDLES_PROPERTY} to the jar's {@code bundles/} folder, which that
 * configuration's {@code felix.auto.start.N} lines name as {@code ${ipcbus.launch.bundles}}, and
 * {@value #DIRECTORY_PROPERTY} to the folder the jar lies in, for files beside it. Felix does the
 * rest: the framework, its storage, the auto-start of bundles by start level, the shutdown hook,
 * and the exit when the framework stops.
 *
 * <p>A jar may hold more configurations, {@code launch-<name>.properties}: a first argument that is
 * a plain name (letters, digits and '-', as in {@code java -jar ipcbus-app.jar renderer-process})
 * picks one, and is not passed on to Felix. Felix's own arguments, {@code [-b <deploy-dir>]
 * [<cache-dir>]}, may follow; a cache directory given first must not look like a plain name
 * ({@code ./cache}, not {@code cache}), or it is taken for the name of a configuration.
 *
 * <p>The bnd launcher that bnd-export-maven-plugin 7.1.0 embeds cannot start on Java 24 and later
 * (it sets a system-wide security Policy, which JEP 486 removed); Felix's launcher runs on 17 to 25.
 */
public final class Launch {

  /** The Felix configuration inside the jar. */
  public static final String CONFIGURATION = "launch.properties";

  /** The system property holding the URL of the jar's {@code bundles/} folder, ending in '/'. */
  public static final String BUNDLES_PROPERTY = "ipcbus.launch.bundles";

  /** The system property holding the path of the folder the running jar lies in (no '/' at its end). */
  public static final String DIRECTORY_PROPERTY = "ipcbus.launch.dir";

  /** The exit status when the first argument names no configuration of the jar. */
  public static final int UNKNOWN_CONFIGURATION = 2;

  private static final String FELIX_CONFIGURATION_PROPERTY = "felix.config.properties";

  private Launch() {}

  /**
   * Starts the framework of this jar and returns when it has stopped (Felix then exits the JVM).
   *
   * @param args an optional name of a configuration {@code launch-<name>.properties} of the jar,
   *     then what Felix's launcher takes: {@code [-b <deploy-dir>] [<cache-dir>]}
   * @throws Exception if Felix cannot start
   */
  public static void main(String[] args) throws Exception {
    String name = configurationName(args);
    String resource = name == null ? CONFIGURATION : "launch-" + name + ".properties";
    URL configuration = Launch.class.getClassLoader().getResource(resource);
    if (configuration == null && name != null) {
      System.err.println("This jar has no configuration '" + name + "' (no " + resource + " inside it). "
          + "Run it without an argument for the default one.");
      System.exit(UNKNOWN_CONFIGURATION);
      return;
    }
    if (configuration == null) {
      throw new IllegalStateException(CONFIGURATION + " is missing from the jar: it was not built as a runnable ipcbus jar");
    }
    if (System.getProperty(FELIX_CONFIGURATION_PROPERTY) == null) {
      System.setProperty(FELIX_CONFIGURATION_PROPERTY, configuration.toExternalForm());
    }
    URL jar = jarLocation();
    if (System.getProperty(BUNDLES_PROPERTY) == null) {
      System.setProperty(BUNDLES_PROPERTY, "jar:" + jar.toExternalForm() + "!/bundles/");
    }
    if (System.getProperty(DIRECTORY_PROPERTY) == null) {
      System.setProperty(DIRECTORY_PROPERTY, directoryOf(jar));
    }
    Main.main(name == null ? args : Arrays.copyOfRange(args, 1, args.length));
  }

  /**
   * @return the configuration the first argument names, or null when it names none (no argument,
   *     an option of Felix's, or a path)
   */
  static String configurationName(String[] args) {
    if (args.length == 0 || !args[0].matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
      return null;
    }
    return args[0];
  }

  private static URL jarLocation() {
    CodeSource source = Launch.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("cannot tell which jar " + Launch.class.getName() + " was loaded from");
    }
    return source.getLocation();
  }

  private static String directoryOf(URL jar) {
    try {
      Path parent = Path.of(jar.toURI()).toAbsolutePath().getParent();
      return parent == null ? new File(".").getAbsolutePath() : parent.toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException("the jar " + jar + " is not a file", e);
    }
  }
}
