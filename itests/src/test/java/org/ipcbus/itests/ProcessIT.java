package org.ipcbus.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.ipcbus.api.MessageChannelMain;
import org.ipcbus.api.RenderProcessGoneDetails;

import org.ipcbus.api.WebContents;
import org.ipcbus.api.WebContentsListener;
import org.ipcbus.api.runtime.IpcRuntime;
import org.ipcbus.api.runtime.ProcessDTO;
import org.ipcbus.api.runtime.RendererDTO;
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
import org.osgi.framework.ServiceRegistration;
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

  @Inject
  private IpcRuntime runtime;

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
    return options(composite(IpcBusOptions.ipcbus()), IpcBusOptions.localBundle("ipcbus.sample.main"),
        mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime").versionAsInProject());
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

  /** With read.spin.us both readers spin before they wait: the same seed, the same answers. */
  @Test
  public void theSeedPlaysTheSameWithSpinningReaders() throws Exception {
    WebContents renderer = launchSeed(Map.of("read.spin.us", 50L));
    long pid = renderer.getOSProcessId();
    Await.until("the child's two pongs", () -> countPongs(pid) >= 2);
    for (int i = 0; i < 20; i++) { // each is a log entry, and the log keeps only so many
      renderer.send("asynchronous-reply", "pong");
    }
    Await.until("the child printed 20 more pongs", () -> countPongs(pid) >= 22);
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

  @Test
  public void mainHearsAChildsRendererComeAndGoOnItsThreadWithTheReason() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    WebContentsListener listener = new WebContentsListener() {
      @Override
      public void created(WebContents webContents) {
        events.add("created " + webContents.getId() + " on " + Thread.currentThread().getName());
      }

      @Override
      public void renderProcessGone(WebContents webContents, RenderProcessGoneDetails details) {
        events.add("gone " + webContents.getId() + " " + details.reason() + " " + details.exitCode());
      }

      @Override
      public void destroyed(WebContents webContents, String reason) {
        events.add("destroyed " + webContents.getId() + " " + reason);
      }
    };
    ServiceRegistration<WebContentsListener> registration =
        context.registerService(WebContentsListener.class, listener, null);
    try {
      WebContents renderer = launchSeed(Map.of());
      long id = renderer.getId();
      ProcessHandle.of(renderer.getOSProcessId()).orElseThrow().destroyForcibly();
      Await.until("the events of the killed child's renderer", () -> events.stream()
          .anyMatch(event -> event.startsWith("destroyed " + id)));
      List<String> ofIt = events.stream().filter(event -> event.matches("\\w+ " + id + " .*")).toList();
      assertEquals(events.toString(), 3, ofIt.size());
      assertTrue(ofIt.get(0), ofIt.get(0).matches("created " + id + " on ipcbus-main(-\\d+)?"));
      assertEquals("gone " + id + " killed 137", ofIt.get(1));
      assertEquals("destroyed " + id + " its process ended: killed, exit code 137", ofIt.get(2));
    } finally {
      registration.unregister();
    }
  }

  @Test
  public void theRuntimeAndTheShellShowTheProcessAndRestartIt() throws Exception {
    WebContents renderer = launchSeed(Map.of());
    ProcessDTO process = Arrays.stream(runtime.getRuntimeDTO().processes)
        .filter(dto -> dto.name.equals("seed")).findFirst().orElseThrow();
    assertEquals(renderer.getOSProcessId(), process.pid);
    assertEquals("RUNNING", process.state);
    assertEquals(0, process.restarts);
    assertArrayEquals(new long[] {renderer.getId()}, process.renderers);
    RendererDTO dto = RuntimeState.findRenderer(runtime, renderer.getId()).orElseThrow();
    assertEquals("seed", dto.processName);
    assertEquals(renderer.getOSProcessId(), dto.pid);
    assertEquals("org.ipcbus.sample.renderer", dto.bundleSymbolicName);

    String processes = run("ipc:processes");
    assertTrue(processes, processes.lines().anyMatch(line -> line.matches(
        "seed +" + renderer.getOSProcessId() + " +RUNNING +0 +0 +- +\\S+ +" + renderer.getId())));
    String renderers = run("ipc:renderers");
    assertTrue(renderers, renderers.contains("seed (" + renderer.getOSProcessId() + ")"));

    assertEquals("Renderer process 'seed' is starting again", run("ipc:restart seed"));
    WebContents again = ChildProcesses.awaitRemote(ipcMain, renderer);
    assertNotEquals(renderer.getOSProcessId(), again.getOSProcessId());
    assertTrue(renderer.isDestroyed());

    assertEquals("Renderer process 'seed' was killed", run("ipc:kill seed"));
    Await.until("the killed child's renderer is destroyed", again::isDestroyed);
    Await.until("the runtime shows the kill", () -> Arrays.stream(runtime.getRuntimeDTO().processes)
        .anyMatch(p -> p.name.equals("seed") && "killed".equals(p.lastExitReason) && p.lastExitCode == 137));
    try {
      run("ipc:restart nothing");
      fail("an unknown process is refused");
    } catch (IllegalArgumentException e) {
      assertEquals("No renderer process named 'nothing'; ipc:processes lists them", e.getMessage());
    }
  }

  /**
   * A port goes to a renderer process as to any renderer (ProcessPortsIT has the traffic); a child
   * whose host speaks protocol version 1 keeps the refusal (ProcessBadPeerIT).
   */
  @Test
  public void aPortIsTransferredToARendererProcessAndPostMessageWithoutPortsIsASend() throws Exception {
    WebContents renderer = launchSeed(Map.of());
    Await.until("the child's two pongs", () -> countPongs() >= 2);
    MessageChannelMain channel = ipcMain.newMessageChannel();
    long before = countPongs();
    renderer.postMessage("asynchronous-reply", "pong", channel.getPort1());
    // Transferred: main's object is dead, as after a transfer to a renderer of main's framework.
    IllegalStateException used = assertThrows(IllegalStateException.class,
        () -> channel.getPort1().postMessage("not mine any more"));
    assertTrue(used.getMessage(), used.getMessage().contains("was transferred"));
    Await.until("the child printed the pong posted with a port", () -> countPongs() > before);
    long withPort = countPongs();
    renderer.postMessage("asynchronous-reply", "pong");
    Await.until("the child printed the posted pong", () -> countPongs() > withPort);
  }

  private String run(String command) throws Exception {
    CommandProcessor processor = context.getService(context.getServiceReference(CommandProcessor.class));
    PrintStream out = new PrintStream(new ByteArrayOutputStream());
    CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
    try {
      return String.valueOf(session.execute(command));
    } finally {
      session.close();
    }
  }

  private long countPongs(long pid) {
    return LogEntries.all(context).stream()
        .filter(entry -> entry.getMessage().equals("Renderer process 'seed' (pid " + pid + ") stdout: pong")).count();
  }

  private long countPongs() {
    return LogEntries.all(context).stream()
        .filter(entry -> entry.getMessage().matches("Renderer process 'seed' \\(pid \\d+\\) stdout: pong")).count();
  }
}
