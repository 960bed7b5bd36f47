package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.ipcbus.api.WebContents;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/**
 * Renderers in their own processes: the unchanged sample renderer bundle in a child JVM plays the
 * seed against main's unchanged sample main bundle, over a Unix domain socket; main survives the
 * child's death and starts it again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProcessIT extends IpcBusTestSupport {

  private org.osgi.service.cm.Configuration process;

  /** What main logged of the child, printed when a test fails: the child's output is there. */
  @Rule
  public final TestWatcher printLogOnFailure = new TestWatcher() {
    @Override
    protected void failed(Throwable e, Description description) {
      List<LogEntry> entries = new ArrayList<>(LogEntries.everything(context));
      Collections.reverse(entries);
      entries.forEach(entry -> System.out.println("log of " + entry.getBundle().getSymbolicName() + ": " + entry.getMessage()
          + (entry.getException() == null ? "" : " " + entry.getException())));
    }
  };

  @Override
  @Configuration
  public Option[] config() {
    return options(composite(IpcBusOptions.ipcbus()), IpcBusOptions.localBundle("ipcbus.sample.main"));
  }

  /** What the child prints reaches main's log at INFO, which the Log service does not keep by default. */
  @Before
  public void keepInfoOfIpcbus() {
    LoggerAdmin admin = context.getService(context.getServiceReference(LoggerAdmin.class));
    LoggerContext ipcbus = admin.getLoggerContext("org.ipcbus.impl");
    ipcbus.setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, LogLevel.INFO));
  }

  @After
  public void stopProcess() throws Exception {
    if (process != null) {
      process.delete();
    }
  }

  private WebContents launchSeed(Map<String, Object> settings) throws Exception {
    process = ChildProcesses.launch(context, "seed", List.of(ChildProcesses.bundleUrl("ipcbus.sample.renderer")),
        settings);
    return ChildProcesses.awaitRemote(ipcMain, null);
  }

  @Test
  public void theSampleRendererPlaysTheSeedFromItsOwnProcess() throws Exception {
    WebContents renderer = launchSeed(Map.of());
    assertNotEquals(ProcessHandle.current().pid(), renderer.getOSProcessId());
    assertTrue(ChildProcesses.alive(renderer.getOSProcessId()));
    assertEquals("org.ipcbus.impl", renderer.getBundle().getSymbolicName());
    // The child prints what main answered: pong to its sendSync, then pong to its send.
    LogEntries.await(context, "the child's two pongs", entry -> entry.getMessage()
        .matches("Renderer process 'seed' \\(pid \\d+\\) stdout: pong") && countPongs() >= 2);
    // Main sends to it like to any WebContents.
    renderer.send("asynchronous-reply", "pong");
    Await.until("the child printed a third pong", () -> countPongs() >= 3);
  }

  @Test
  public void aKilledChildIsDestroyedAndStartedAgain() throws Exception {
    WebContents first = launchSeed(Map.of());
    long pid = first.getOSProcessId();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    Await.until("the killed child's WebContents is destroyed", first::isDestroyed);
    LogEntries.await(context, "the child's death", entry -> entry.getMessage()
        .startsWith("Renderer process 'seed' (pid " + pid + ") is gone: killed, exit code 137"));
    WebContents second = ChildProcesses.awaitRemote(ipcMain, first);
    assertNotEquals(pid, second.getOSProcessId());
    assertFalse(ChildProcesses.alive(pid));
  }

  private long countPongs() {
    return LogEntries.all(context).stream()
        .filter(entry -> entry.getMessage().matches("Renderer process 'seed' \\(pid \\d+\\) stdout: pong")).count();
  }
}
