package org.ipcbus.itests;

import static org.ops4j.pax.exam.CoreOptions.bootDelegationPackages;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.ops4j.pax.exam.Option;

/**
 * The framework of the console tests: the seed on ipcbus, Felix HTTP Jetty on a free port, the real
 * Felix Web Console and the ipcbus plugin, the versions the root pom names.
 */
final class ConsoleOptions {

  /** The system property holding the port Jetty listens on, set for the test in the same JVM. */
  static final String PORT_PROPERTY = "ipcbus.console.port";

  private ConsoleOptions() {}

  /**
   * @param bootDelegated packages the test classes take from the test's class path instead of the
   *     framework (Selenium), besides the JDK's
   */
  static Option[] console(String... bootDelegated) {
    String port = String.valueOf(freePort());
    return options(
        composite(IpcBusOptions.withSamples()),
        systemProperty(PORT_PROPERTY).value(port),
        frameworkProperty("org.osgi.service.http.port").value(port),
        // The framework's parent is the test's class loader: the JDK's java.net.http and the boot
        // delegated packages come from there.
        frameworkProperty("org.osgi.framework.bundle.parent").value("framework"),
        bootDelegationPackages(bootDelegated),
        mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api").versionAsInProject(),
        mavenBundle("org.apache.felix", "org.apache.felix.http.jetty").versionAsInProject(),
        mavenBundle("commons-io", "commons-io").versionAsInProject(),
        mavenBundle("commons-fileupload", "commons-fileupload").versionAsInProject(),
        mavenBundle("org.apache.felix", "org.apache.felix.webconsole").versionAsInProject(),
        IpcBusOptions.localBundle("ipcbus.webconsole"));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for Jetty", e);
    }
  }
}
