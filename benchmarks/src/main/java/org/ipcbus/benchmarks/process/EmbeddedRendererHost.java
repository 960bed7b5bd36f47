package org.ipcbus.benchmarks.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.ipcbus.api.IpcRenderer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * This JVM as a renderer process: a Felix framework running what {@code ipcbus-renderer-host.jar}
 * runs (SCR, the renderer host bundle, out of that very jar) and the benchmark's renderer bundle,
 * connected to a main in another JVM. The benchmark thread then calls that bundle's own
 * {@link IpcRenderer}: the renderer host's real {@code RemoteRenderer}, over the real connection.
 *
 * <p>The only difference to a launched renderer process: the ipcbus API and the OSGi promise
 * packages are exported by the system bundle from this JVM's class path (instead of coming from
 * their bundles), so that the benchmark code and the bundles share one {@code IpcRenderer} and
 * {@code Promise} class; {@link #start} checks that the renderer host is wired to them.
 */
final class EmbeddedRendererHost implements AutoCloseable {

  /** The API packages at the versions their package-info declares (keep in step with api/). */
  private static final String SHARED_PACKAGES = "org.ipcbus.api;version=1.2.0,org.ipcbus.api.runtime;version=1.2.0,"
      + "org.osgi.util.promise;version=1.3.0,org.osgi.util.function;version=1.2.0";
  /** The bundles of the renderer host jar that run here; the API, promise and function come from the class path. */
  private static final List<String> HOST_BUNDLES = List.of("org.osgi.service.component.jar", "org.apache.felix.scr.jar",
      "renderer-host.jar");

  private final Framework framework;
  private final Path storage;
  private final IpcRenderer renderer;

  private EmbeddedRendererHost(Framework framework, Path storage, IpcRenderer renderer) {
    this.framework = framework;
    this.storage = storage;
    this.renderer = renderer;
  }

  /**
   * Starts the framework, connects to main and opens the renderer of the benchmark's bundle.
   *
   * @param name the process's name, as main knows it
   * @param socket main's socket for it
   * @param secretFile the file holding its secret
   * @return the running renderer process
   */
  static EmbeddedRendererHost start(String name, String socket, String secretFile) throws Exception {
    Path storage = Files.createTempDirectory("ipcbus-bench-host-");
    Map<String, String> config = new HashMap<>();
    config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
    config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SHARED_PACKAGES);
    config.put("ipcbus.host.socket", socket);
    config.put("ipcbus.host.name", name);
    config.put("ipcbus.host.secret.file", secretFile);
    config.put("ipcbus.host.on.disconnect", "stay");
    Framework framework = new FrameworkFactory().newFramework(config);
    try {
      framework.start();
      BundleContext system = framework.getBundleContext();
      List<Bundle> bundles = new ArrayList<>();
      try (JarFile hostJar = new JarFile(BenchBundles.hostJar().toFile())) {
        for (String file : HOST_BUNDLES) {
          try (InputStream in = hostJar.getInputStream(hostJar.getEntry("bundles/" + file))) {
            bundles.add(system.installBundle("ipcbus-renderer-host.jar!/bundles/" + file, in));
          }
        }
      }
      for (Bundle bundle : bundles) {
        bundle.start();
      }
      requireSharedApi(bundles.get(bundles.size() - 1));
      // Waits for the service without getting it: the system bundle must not become a renderer
      // (its Export-Package header, thousands of characters long, would be sent in its OPEN).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (system.getServiceReference(IpcRenderer.class) == null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the renderer host did not connect to main within 30 s");
        }
        Thread.sleep(10);
      }
      Bundle child = system.installBundle(BenchBundles.childBundle().toUri().toString());
      child.start();
      BundleContext context = child.getBundleContext();
      ServiceReference<IpcRenderer> reference = context.getServiceReference(IpcRenderer.class);
      return new EmbeddedRendererHost(framework, storage, context.getService(reference));
    } catch (Exception | Error e) {
      stop(framework, storage);
      throw e;
    }
  }

  /** @return the IpcRenderer of the benchmark's bundle */
  IpcRenderer renderer() {
    return renderer;
  }

  @Override
  public void close() {
    stop(framework, storage);
  }

  private static void requireSharedApi(Bundle host) {
    BundleWiring wiring = host.adapt(BundleWiring.class);
    for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
      if ("org.ipcbus.api".equals(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
        if (wire.getProvider().getBundle().getBundleId() != 0) {
          throw new IllegalStateException("the renderer host's org.ipcbus.api is not the class path's");
        }
        return;
      }
    }
    throw new IllegalStateException("the renderer host imports no org.ipcbus.api");
  }

  private static void stop(Framework framework, Path storage) {
    try {
      framework.stop();
      framework.waitForStop(10_000);
    } catch (Exception e) {
      System.err.println("Felix did not stop cleanly: " + e);
    }
    try (Stream<Path> files = Files.walk(storage)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind harms nothing
    }
  }
}
