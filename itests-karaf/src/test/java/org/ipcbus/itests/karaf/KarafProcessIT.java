package org.ipcbus.itests.karaf;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.ipcbus.api.IpcMain;
import org.ipcbus.api.WebContents;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A renderer process in Karaf, as docs/karaf.md tells a user: feature ipcbus puts the renderer
 * host jar at ${karaf.base}/lib/ipcbus/ipcbus-renderer-host.jar, and a file
 * etc/org.ipcbus.process-sample.cfg naming it and the sample renderer bundle (a file: URL: the child
 * has no mvn: handler) launches a child JVM whose renderer plays the seed against the sample main
 * bundle in Karaf. Deleting the file stops the child.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafProcessIT {

  /** Passed from the build to Karaf: the file: URL of the staged sample renderer bundle. */
  private static final String SAMPLE_RENDERER_PROPERTY = "ipcbus.itest.sample.renderer";
  private static final String HOST_JAR = "lib/ipcbus/ipcbus-renderer-host.jar";
  private static final long OWN_PID = ProcessHandle.current().pid();

  @Inject
  private SessionFactory sessionFactory;
  @Inject
  private IpcMain ipcMain;

  private Path cfg;

  @Configuration
  public Option[] config() {
    String version = System.getProperty("ipcbus.version");
    File sampleRenderer = new File(System.getProperty("ipcbus.repository"),
        "org/ipcbus/sample-renderer-bundle/" + version + "/sample-renderer-bundle-" + version + ".jar");
    return options(
        IpcbusKaraf.withFeatures("ipcbus"),
        editConfigurationFilePut("etc/system.properties", SAMPLE_RENDERER_PROPERTY, sampleRenderer.toURI().toString()),
        mavenBundle("org.ipcbus", "sample-main-bundle").versionAsInProject().start());
  }

  @After
  public void deleteTheCfg() throws Exception {
    if (cfg != null) {
      Files.deleteIfExists(cfg);
    }
  }

  @Test
  public void aCfgInEtcRunsTheSampleRendererInAChildThatPlaysTheSeed() throws Exception {
    Path base = Path.of(System.getProperty("karaf.base"));
    // The feature's configfile is copied while the feature installs, which may end after the test starts.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.isRegularFile(base.resolve(HOST_JAR)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue("feature ipcbus put the renderer host jar at " + HOST_JAR, Files.isRegularFile(base.resolve(HOST_JAR)));

    cfg = base.resolve("etc/org.ipcbus.process-sample.cfg");
    Path draft = Files.createTempFile(base.resolve("data"), "process", ".tmp");
    Files.writeString(draft, "name = sample\n"
        + "bundles = " + System.getProperty(SAMPLE_RENDERER_PROPERTY) + "\n"
        + "host.jar = ${karaf.base}/" + HOST_JAR + "\n");
    Files.move(draft, cfg, StandardCopyOption.ATOMIC_MOVE);

    WebContents[] child = new WebContents[1];
    await("FileInstall configured the process and its renderer connected", () -> {
      Optional<WebContents> remote = remote();
      remote.ifPresent(contents -> child[0] = contents);
      return remote.isPresent();
    });
    long pid = child[0].getOSProcessId();
    assertNotEquals(OWN_PID, pid);
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

    // The child's sendSync and send reached the sample main bundle's listeners, and main's reply
    // went to the child: its renderer sent 2 and was sent 1, which it listens for (its pong).
    // (Not read from log:display: Karaf's log command throws "Unrecognized configuration" at times
    // while Pax Logging applies the configuration this test edits.)
    String seedPlayed = "\\d+ +\\d+ +org\\.ipcbus\\.sample\\.renderer +sample \\(" + pid + "\\) +\\S+ +2 +1 +0 +0 +asynchronous-reply";
    await("the seed played from the child", () -> execute("ipc:renderers").lines().anyMatch(line -> line.matches(seedPlayed)));
    String channels = execute("ipc:channels");
    assertTrue(channels, channels.lines().anyMatch(line -> line.matches("synchronous-message +service \\d+ of bundle \\d+ +- +1 +0")));
    assertTrue(channels, channels.lines().anyMatch(line -> line.matches("asynchronous-message +service \\d+ of bundle \\d+ +- +1 +0")));
    String renderers = execute("ipc:renderers");
    assertTrue(renderers, renderers.lines().anyMatch(line ->
        line.matches("\\d+ +\\d+ +org\\.ipcbus\\.sample\\.renderer +sample \\(" + pid + "\\) .* asynchronous-reply")));
    String processes = execute("ipc:processes");
    assertTrue(processes, processes.lines().anyMatch(line -> line.matches("sample +" + pid + " +RUNNING .*")));

    // Main sends to it like to any WebContents.
    child[0].send("asynchronous-reply", "pong");
    String sentTo = "\\d+ +\\d+ +org\\.ipcbus\\.sample\\.renderer +sample \\(" + pid + "\\) +\\S+ +2 +2 +0 +0 +asynchronous-reply";
    await("main's send delivered to the child", () -> execute("ipc:renderers").lines().anyMatch(line -> line.matches(sentTo)));

    // Deleting the file deletes the configuration, which stops the process.
    Files.delete(cfg);
    await("the child's WebContents is destroyed", child[0]::isDestroyed);
    await("the child has exited", () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(remote().isPresent());
  }

  private Optional<WebContents> remote() {
    return ipcMain.getAllWebContents().stream()
        .filter(contents -> contents.getOSProcessId() != OWN_PID && !contents.isDestroyed()).findFirst();
  }

  /** Waits up to 60 s: a child JVM starts, and FileInstall polls etc/ every second. */
  private void await(String what, Check condition) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!holds(condition)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out after 60 s waiting until " + what + "; ipc:renderers:\n"
            + execute("ipc:renderers"));
      }
      Thread.sleep(50);
    }
  }

  /**
   * Runs a check; a command that fails counts as "not yet": a command may fail while a bundle it
   * needs is still being configured.
   */
  private static boolean holds(Check condition) {
    try {
      return condition.holds();
    } catch (Exception e) {
      return false;
    }
  }

  /** A condition that may run shell commands. */
  private interface Check {
    boolean holds() throws Exception;
  }

  private String execute(String command) throws Exception {
    return KarafShell.execute(sessionFactory, command);
  }
}
