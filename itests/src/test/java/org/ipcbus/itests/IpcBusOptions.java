package org.ipcbus.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;

import org.ops4j.pax.exam.Option;

/** The framework every test runs in: Felix with SCR, the Log service and the real ipcbus bundles. */
public final class IpcBusOptions {

  private IpcBusOptions() {}

  /** @return ipcbus api and impl with what they need */
  public static Option[] ipcbus() {
    return options(
        systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
        mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
        mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
        mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
        mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
        mavenBundle("org.apache.felix", "org.apache.felix.log").versionAsInProject(),
        mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
        localBundle("ipcbus.api"),
        localBundle("ipcbus.impl"),
        junitBundles());
  }

  /** @return {@link #ipcbus()} and the seed samples */
  public static Option[] withSamples() {
    return options(composite(ipcbus()), localBundle("ipcbus.sample.main"),
        localBundle("ipcbus.sample.renderer"));
  }

  /** A bundle built by this reactor, its jar path passed by failsafe as a system property. */
  static Option localBundle(String property) {
    String path = System.getProperty(property);
    if (path == null) {
      throw new IllegalStateException("system property " + property + " is not set; run the tests with mvn verify");
    }
    return bundle(new File(path).toURI().toString());
  }
}
