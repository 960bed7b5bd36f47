package org.ipcbus.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * Installs real renderer bundles for tests: each is a bundle of its own in the framework, with its
 * own BundleContext, so the IpcRenderer it gets is its own. The bundles have no code: the test
 * drives them through their contexts, which is what their code would do.
 */
final class RendererBundles implements AutoCloseable {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final BundleContext testContext;
  private final List<Bundle> installed = new CopyOnWriteArrayList<>(); // tests install from several threads

  RendererBundles(BundleContext testContext) {
    this.testContext = testContext;
  }

  /** Installs and starts a new empty bundle. */
  Bundle install(String name) {
    String symbolicName = "test.renderer." + name + "." + COUNTER.incrementAndGet();
    try {
      Bundle bundle = testContext.installBundle("test:" + symbolicName,
          new ByteArrayInputStream(manifestOnlyJar(symbolicName)));
      bundle.start();
      installed.add(bundle);
      return bundle;
    } catch (BundleException | IOException e) {
      throw new IllegalStateException("could not install " + symbolicName, e);
    }
  }

  /** Gets IpcRenderer as the given bundle: the framework gives it the bundle's own instance. */
  static IpcRenderer rendererOf(Bundle bundle) {
    return serviceOf(bundle, IpcRenderer.class);
  }

  /** Gets IpcMain as the given bundle. */
  static IpcMain mainOf(Bundle bundle) {
    return serviceOf(bundle, IpcMain.class);
  }

  private static <S> S serviceOf(Bundle bundle, Class<S> type) {
    BundleContext context = bundle.getBundleContext();
    ServiceReference<S> reference = context.getServiceReference(type);
    if (reference == null) {
      throw new IllegalStateException(type.getSimpleName() + " is not registered");
    }
    return context.getService(reference);
  }

  @Override
  public void close() {
    for (Bundle bundle : installed) {
      try {
        bundle.uninstall();
      } catch (BundleException | IllegalStateException e) {
        // already gone
      }
    }
    installed.clear();
  }

  private static byte[] manifestOnlyJar(String symbolicName) throws IOException {
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.putValue("Bundle-ManifestVersion", "2");
    attributes.putValue("Bundle-SymbolicName", symbolicName);
    attributes.putValue("Bundle-Version", "1.0.0");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new JarOutputStream(bytes, manifest).close(); // nothing but the manifest
    return bytes.toByteArray();
  }
}
