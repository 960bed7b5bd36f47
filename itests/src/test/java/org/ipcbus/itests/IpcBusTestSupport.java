package org.ipcbus.itests;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import javax.inject.Inject;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;

/**
 * What every Pax Exam test of ipcbus shares: the framework, the test probe's own IpcMain and
 * IpcRenderer (the probe bundle is a renderer like any other), and renderer bundles to install.
 */
public abstract class IpcBusTestSupport {

  @Inject
  protected BundleContext context;
  @Inject
  protected IpcMain ipcMain;
  @Inject
  protected IpcRenderer ipcRenderer;

  protected RendererBundles bundles;

  @Configuration
  public Option[] config() {
    return IpcBusOptions.ipcbus();
  }

  @Before
  public void createBundles() {
    bundles = new RendererBundles(context);
  }

  /** Leaves the bus as the next test of the class expects it. */
  @After
  public void cleanUp() {
    ipcMain.removeAllListeners();
    ipcRenderer.removeAllListeners();
    bundles.close();
  }

  /**
   * Runs a call that is expected to fail on another thread, as a renderer's own thread would.
   *
   * @return what it threw, or null if it returned
   */
  protected static CompletableFuture<Throwable> failureOf(Callable<?> call) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        call.call();
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
  }
}
