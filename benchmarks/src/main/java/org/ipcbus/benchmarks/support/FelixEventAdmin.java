package org.ipcbus.benchmarks.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A real Felix framework started in the benchmark JVM with the Apache Felix EventAdmin 1.6.4 bundle
 * installed and started in it.
 *
 * <p>The EventAdmin API package is on the benchmark's class path (org.osgi.service.event 1.4.1) and
 * exported by the system bundle ({@code org.osgi.framework.system.packages.extra}); the EventAdmin
 * bundle, which both exports and imports that package, wires its import to the system bundle, so
 * the benchmark code and the bundle share one {@code EventAdmin}/{@code EventHandler}/{@code Event}
 * class. {@link #start} checks that wiring. The bundle runs with its default settings (20 pool
 * threads, handler time-out 5000 ms: {@code sendEvent} runs each handler on a pool thread while the
 * caller waits, so that a handler that overruns can be deny-listed).
 */
public final class FelixEventAdmin implements AutoCloseable {

  private static final String EVENT_PACKAGE = "org.osgi.service.event";

  private final Framework framework;
  private final Path storage;
  private final EventAdmin eventAdmin;

  private FelixEventAdmin(Framework framework, Path storage, EventAdmin eventAdmin) {
    this.framework = framework;
    this.storage = storage;
    this.eventAdmin = eventAdmin;
  }

  /**
   * Starts Felix, installs and starts EventAdmin, and looks the service up through the system
   * bundle's context.
   *
   * @return the running framework
   */
  public static FelixEventAdmin start() {
    Path storage;
    try {
      storage = Files.createTempDirectory("ipcbus-bench-felix");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new HashMap<>();
    config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
    config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, EVENT_PACKAGE + ";version=1.4.0");
    Framework framework = new FrameworkFactory().newFramework(config);
    try {
      framework.start();
      BundleContext system = framework.getBundleContext();
      Bundle bundle;
      try (InputStream in = FelixEventAdmin.class.getResourceAsStream("/bundles/eventadmin.jar")) {
        if (in == null) {
          throw new IllegalStateException("bundles/eventadmin.jar is missing from the benchmark jar");
        }
        bundle = system.installBundle("ipcbus-bench:eventadmin.jar", in);
      }
      bundle.start();
      requireSystemBundleWiring(bundle);
      ServiceReference<EventAdmin> reference = system.getServiceReference(EventAdmin.class);
      if (reference == null) {
        throw new IllegalStateException("EventAdmin is not registered, or not visible to the system bundle");
      }
      return new FelixEventAdmin(framework, storage, system.getService(reference));
    } catch (BundleException | IOException | RuntimeException e) {
      stop(framework, storage);
      throw new IllegalStateException("could not start Felix with EventAdmin", e);
    }
  }

  /** @return the EventAdmin service of the framework */
  public EventAdmin eventAdmin() {
    return eventAdmin;
  }

  /**
   * Registers a handler through the system bundle, as a bundle would with the whiteboard.
   *
   * @param topic the topic it handles
   * @param handler the handler
   * @return its registration
   */
  public ServiceRegistration<EventHandler> subscribe(String topic, EventHandler handler) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(EventConstants.EVENT_TOPIC, new String[] {topic});
    return framework.getBundleContext().registerService(EventHandler.class, handler, properties);
  }

  @Override
  public void close() {
    stop(framework, storage);
  }

  private static void requireSystemBundleWiring(Bundle eventAdminBundle) {
    BundleWiring wiring = eventAdminBundle.adapt(BundleWiring.class);
    for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
      if (EVENT_PACKAGE.equals(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
        long provider = wire.getProvider().getBundle().getBundleId();
        if (provider != 0) {
          throw new IllegalStateException(EVENT_PACKAGE + " is wired to bundle " + provider
              + ", not to the system bundle: the benchmark could not share its classes");
        }
        return;
      }
    }
    throw new IllegalStateException("the EventAdmin bundle uses its own " + EVENT_PACKAGE
        + " instead of the system bundle's");
  }

  private static void stop(Framework framework, Path storage) {
    try {
      framework.stop();
      framework.waitForStop(10_000);
    } catch (BundleException e) {
      System.err.println("Felix did not stop cleanly: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(storage)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind harms nothing
    }
  }
}
