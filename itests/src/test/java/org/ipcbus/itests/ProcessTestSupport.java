package org.ipcbus.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipcbus.api.WebContents;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.ops4j.pax.exam.Option;
import org.osgi.service.cm.Configuration;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;

/**
 * What the tests of renderer processes share: main's log at INFO (a child's output is there), kept
 * long enough; the process test bundle's renderers; and no child JVM left behind: after each test
 * its configurations are deleted and every renderer host JVM below this one must be gone.
 */
public abstract class ProcessTestSupport extends IpcBusTestSupport {

  /** What the command line of every renderer process holds, launched by main or by a test. */
  static final String HOST_JAR_NAME = "ipcbus-renderer-host.jar";
  /** How long the processes of a test may take to go once their configurations are deleted. */
  private static final long STOP_MILLIS = 10_000;

  private final List<Configuration> configurations = new ArrayList<>();
  /** Main's side of the renderers of the process test bundle. */
  protected TestChildren children;

  /** What main logged, printed when a test fails: the children's output is there. */
  @Rule
  public final TestWatcher printLogOnFailure = new TestWatcher() {
    @Override
    protected void failed(Throwable e, Description description) {
      List<LogEntry> entries = new ArrayList<>(LogEntries.everything(context));
      Collections.reverse(entries);
      entries.forEach(entry -> System.out.println("log of " + entry.getBundle().getSymbolicName() + " at "
          + entry.getTime() + ": " + entry.getMessage() + (entry.getException() == null ? "" : " " + entry.getException())));
    }
  };

  @Override
  @org.ops4j.pax.exam.Configuration
  public Option[] config() {
    return options(composite(IpcBusOptions.ipcbus()), IpcBusOptions.localBundle("ipcbus.sample.main"),
        // The Log service keeps the last 100 entries by default; a flood of child output must not
        // push out what a test waits for.
        systemProperty("org.apache.felix.log.maxSize").value("10000"));
  }

  /** What a child prints reaches main's log at INFO, which the Log service does not keep by default. */
  @Before
  public void prepareProcesses() {
    LoggerAdmin admin = context.getService(context.getServiceReference(LoggerAdmin.class));
    admin.getLoggerContext("org.ipcbus.impl").setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, LogLevel.INFO));
    children = new TestChildren(ipcMain);
  }

  /** Stops every process of the test and checks that no renderer host JVM is left. */
  @After
  public void stopProcesses() throws IOException {
    for (Configuration configuration : configurations) {
      try {
        configuration.delete();
      } catch (IllegalStateException e) {
        // deleted by the test
      }
    }
    configurations.clear();
    Await.within(STOP_MILLIS, "no renderer process is left (" + rendererHosts() + ")",
        () -> rendererHosts().isEmpty());
  }

  /** Launches a renderer process, which the test's end stops. */
  protected Configuration launch(String name, List<String> bundles, Map<String, Object> settings) throws IOException {
    Configuration configuration = ChildProcesses.launch(context, name, bundles, settings);
    configurations.add(configuration);
    return configuration;
  }

  /** Launches a renderer process with the process test bundle; {@link TestChildren#awaitReady} gives its renderer. */
  protected Configuration launchTestChild(String name, Map<String, Object> settings) throws IOException {
    return launch(name, List.of(ChildProcesses.bundleUrl("ipcbus.test.process")), settings);
  }

  /** Launches a renderer process with the seed's sample renderer. */
  protected Configuration launchSeed(String name, Map<String, Object> settings) throws IOException {
    return launch(name, List.of(ChildProcesses.bundleUrl("ipcbus.sample.renderer")), settings);
  }

  /**
   * Options of a child JVM that starts quickly and stays small on a busy machine (the client
   * compiler only, the serial collector), keeping {@code -XX:+ExitOnOutOfMemoryError}.
   */
  protected static Map<String, Object> leanChild(Map<String, Object> settings) {
    Map<String, Object> lean = new HashMap<>(settings);
    lean.put("vm.options", new String[] {"-Xmx96m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1"});
    return lean;
  }

  /** @return the live renderer host JVMs below this one, launched by main or by a test */
  static List<ProcessHandle> rendererHosts() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(process -> process.info().commandLine().map(line -> line.contains(HOST_JAR_NAME)).orElse(false))
        .toList();
  }

  /** Waits for main's log line "Renderer process 'NAME' launched, pid N" logged at or after a time. */
  protected long awaitLaunch(String name, long sinceMillis) {
    Pattern launched = Pattern.compile("Renderer process '" + Pattern.quote(name) + "' launched, pid (\\d+)");
    LogEntry entry = LogEntries.await(context, TestChildren.START_MILLIS, "the launch of " + name,
        candidate -> candidate.getTime() >= sinceMillis && launched.matcher(candidate.getMessage()).matches());
    Matcher matcher = launched.matcher(entry.getMessage());
    matcher.matches();
    return Long.parseLong(matcher.group(1));
  }

  /** Waits until the child with that pid printed a line so many times; returns the entry of the last of them. */
  protected LogEntry awaitOutput(String name, long pid, String line, int times) {
    String expected = "Renderer process '" + name + "' (pid " + pid + ") stdout: " + line;
    Await.within(TestChildren.START_MILLIS, times + " x '" + line + "' from pid " + pid,
        () -> output(expected).size() >= times);
    List<LogEntry> lines = output(expected); // newest first
    return lines.get(lines.size() - times);
  }

  private List<LogEntry> output(String expected) {
    return LogEntries.all(context).stream().filter(entry -> entry.getMessage().equals(expected)).toList();
  }

  /** @return the live WebContents of the renderer process with that pid */
  protected Optional<WebContents> rendererOfProcess(long pid) {
    return ipcMain.getAllWebContents().stream()
        .filter(contents -> contents.getOSProcessId() == pid && !contents.isDestroyed()).findFirst();
  }

  /** Waits for the WebContents of the renderer process with that pid. */
  protected WebContents awaitRendererOfProcess(long pid) {
    Await.within(TestChildren.START_MILLIS, "a renderer of process " + pid + " is live",
        () -> rendererOfProcess(pid).isPresent());
    return rendererOfProcess(pid).orElseThrow();
  }

  /** Sends a signal to a process with kill(1), e.g. STOP or CONT. */
  static void signal(long pid, String signal) throws IOException, InterruptedException {
    int status = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    if (status != 0) {
      throw new AssertionError("kill -" + signal + " " + pid + " ended with " + status);
    }
  }

  /** Prints a measured number where the build's output shows it. */
  static void report(String what) {
    System.out.println("[measured] " + what);
  }
}
