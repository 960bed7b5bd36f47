package org.ipcbus.impl.process;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.ipcbus.api.RenderProcessGoneDetails;
import org.ipcbus.api.WebContents;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.BusLog;
import org.ipcbus.wire.WireProtocol;
import org.osgi.framework.Bundle;

/**
 * One supervised renderer process: main launches its JVM, accepts its connection on a socket of
 * its own, and watches it. When it dies, its WebContents are destroyed with the reason, in
 * Electron's words, and it is started again after a back-off, unless it exited cleanly or crashed
 * too often (VS Code's rule: 3 times within 5 minutes). A process that stops answering is reported
 * unresponsive, and responsive when it answers again. Stopping it ends its JVM: none outlives main.
 */
public final class RendererProcess {

  /** How long a process asked to stop may take before it is killed. */
  private static final long STOP_GRACE_MILLIS = 2_000;

  private final ProcessSettings settings;
  private final Bus bus;
  private final Bundle speaker;
  private final BusLog log;
  private final ScheduledExecutorService timer;
  private final RestartPolicy restarts;
  private final ChildLauncher launcher;
  private final SocketEndpoint endpoint;
  private final Path storage;
  private final Thread acceptor;

  // guarded by this
  private ProcessState state = ProcessState.STARTING;
  private ChildLauncher.Child child;
  private MainConnection connection;
  private boolean connectedThisRun;
  private boolean unresponsive;
  private boolean stopping;
  private boolean startAfterExit;
  private long pid = -1;
  private long startedAt;
  private int starts;
  private ExitReason lastExitReason;
  private Integer lastExitCode;
  private ScheduledFuture<?> pendingStart;
  private ScheduledFuture<?> handshakeTimeout;
  private ScheduledFuture<?> heartbeat;

  /**
   * Prepares a process: its socket and storage exist from now on; nothing runs before {@link #start}.
   *
   * @param settings how to launch and watch it
   * @param bus the bus its renderers join
   * @param speaker the bundle in main that speaks for it (its renderers' {@code getBundle()})
   * @param log where its output and its fate are written
   * @param timer the timer of every process
   * @throws IOException if its socket or storage cannot be made
   */
  public RendererProcess(ProcessSettings settings, Bus bus, Bundle speaker, BusLog log,
      ScheduledExecutorService timer) throws IOException {
    this.settings = settings;
    this.bus = bus;
    this.speaker = speaker;
    this.log = log;
    this.timer = timer;
    this.restarts = new RestartPolicy(settings.maxCrashes(), settings.crashWindowMillis());
    this.launcher = new ChildLauncher(settings, log);
    this.endpoint = new SocketEndpoint(settings.name());
    this.storage = Files.createTempDirectory("ipcbus-" + settings.name() + "-framework-");
    this.acceptor = new Thread(this::acceptConnections, "ipcbus-process-" + settings.name() + "-accept");
    acceptor.setDaemon(true);
  }

  /** Starts listening and, unless someone else starts the process, launches it. */
  public void start() {
    acceptor.start();
    if (settings.launch()) {
      launch();
    } else {
      log.info("Renderer process '" + settings.name() + "' is not launched by main: start it with "
          + WireProtocol.ENV_SOCKET + "=" + endpoint.socket() + " " + WireProtocol.ENV_PROCESS_NAME + "="
          + settings.name() + " " + WireProtocol.ENV_SECRET_FILE + "=" + endpoint.secretFile()
          + " java -jar <renderer host jar> (or with the properties -Dipcbus.host.socket=" + endpoint.socket()
          + " -Dipcbus.host.name=" + settings.name() + " -Dipcbus.host.secret.file=" + endpoint.secretFile() + ")");
    }
  }

  /** @return its name */
  public String name() {
    return settings.name();
  }

  /** @return its settings */
  public ProcessSettings settings() {
    return settings;
  }

  /** @return the bus its renderers join */
  Bus bus() {
    return bus;
  }

  /** @return the bundle in main that speaks for it */
  Bundle speaker() {
    return speaker;
  }

  /** @return where its output and fate are written */
  BusLog log() {
    return log;
  }

  /** @return the timer of every process */
  ScheduledExecutorService timer() {
    return timer;
  }

  /** @return its socket's endpoint, which checks the secret of a hello */
  SocketEndpoint endpoint() {
    return endpoint;
  }

  /** @return the holder of the ports that cross its connection now, or null (none, or version 1) */
  public synchronized org.ipcbus.impl.port.PortHolder ports() {
    MainConnection current = connection;
    return current == null ? null : current.ports();
  }

  /** @return a snapshot for the runtime DTO and the shell */
  public synchronized ProcessSnapshot snapshot() {
    MainConnection current = connection;
    List<Long> renderers = current == null ? List.of() : current.rendererIds();
    return new ProcessSnapshot(settings.name(), pid, state, Math.max(0, starts - 1), restarts.recentCrashes(),
        lastExitReason == null ? null : lastExitReason.electronName(), lastExitCode, startedAt,
        renderers);
  }

  /**
   * Starts it again now: the crash count is forgotten, a running process is killed first.
   * {@code ipc:restart}.
   */
  public synchronized void restart() {
    restarts.reset();
    cancel(pendingStart);
    if (child != null && child.process().isAlive()) {
      startAfterExit = true;
      child.process().destroyForcibly();
    } else if (settings.launch()) {
      launch();
    }
  }

  /** Kills it (SIGKILL); it is restarted as after any crash. {@code ipc:kill}. */
  public synchronized void kill() {
    if (child != null) {
      child.process().destroyForcibly();
    }
  }

  /**
   * Stops it for good: it is asked to go, then killed if it has not gone within two seconds; its
   * WebContents are destroyed, its socket and storage removed.
   */
  public void stop() {
    ChildLauncher.Child running;
    MainConnection open;
    synchronized (this) {
      stopping = true;
      cancel(pendingStart);
      cancel(handshakeTimeout);
      cancel(heartbeat);
      running = child;
      open = connection;
    }
    if (open != null) {
      open.close("ipcbus stopped the renderer process", true);
    }
    if (running != null) {
      Process process = running.process();
      process.destroy();
      try {
        if (!process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try {
      endpoint.close();
    } catch (IOException e) {
      log.warn("Could not remove the socket of renderer process '" + settings.name() + "': " + e);
    }
    acceptor.interrupt();
    deleteStorage();
    synchronized (this) {
      state = ProcessState.STOPPED;
    }
    bus.changes().bump();
  }

  /** Launches the JVM. */
  private synchronized void launch() {
    if (stopping) {
      return;
    }
    connectedThisRun = false;
    unresponsive = false;
    starts++;
    startedAt = System.currentTimeMillis();
    state = ProcessState.STARTING;
    ChildLauncher.Child started;
    try {
      endpoint.renewSecret();
      started = launcher.start(endpoint, storage);
    } catch (IOException | RuntimeException e) {
      log.error("Renderer process '" + settings.name() + "' could not be launched", e);
      ended(null, -1, ExitReason.LAUNCH_FAILED);
      return;
    }
    child = started;
    pid = started.pid();
    log.info("Renderer process '" + settings.name() + "' launched, pid " + pid);
    started.process().onExit().thenRun(() -> exited(started));
    handshakeTimeout = schedule(() -> handshakeOverdue(started), settings.handshakeMillis());
    bus.changes().bump();
  }

  private synchronized void handshakeOverdue(ChildLauncher.Child started) {
    if (child == started && !connectedThisRun && started.process().isAlive()) {
      log.warn("Renderer process '" + settings.name() + "' (pid " + started.pid() + ") did not connect within "
          + settings.handshakeMillis() + " ms; it is killed");
      started.process().destroyForcibly();
    }
  }

  /** Its JVM ended: judge why, destroy its WebContents, then restart it or not. */
  private void exited(ChildLauncher.Child ended) {
    try {
      ended.awaitOutput(1_000); // its last words may say OutOfMemoryError
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int code = ended.process().exitValue();
    boolean connected;
    synchronized (this) {
      if (child != ended) {
        return;
      }
      child = null;
      connected = connectedThisRun;
    }
    ended(ended, code, ExitReason.of(code, ended.outOfMemory(), connected));
  }

  private void ended(ChildLauncher.Child ended, int code, ExitReason reason) {
    MainConnection open;
    List<WebContents> gone;
    synchronized (this) {
      cancel(handshakeTimeout);
      cancel(heartbeat);
      open = connection;
      connection = null;
      gone = open == null ? List.of() : open.renderers();
      lastExitReason = reason;
      lastExitCode = code;
    }
    // Electron's order: render-process-gone, then (in ipcbus) the WebContents are destroyed.
    RenderProcessGoneDetails details = new RenderProcessGoneDetails(reason.electronName(), code);
    gone.forEach(webContents -> bus.webContentsEvents().renderProcessGone(webContents, details));
    if (open != null) {
      open.close("its process ended: " + reason + ", exit code " + code, false);
    }
    String what = "Renderer process '" + settings.name() + "'" + (ended == null ? "" : " (pid " + ended.pid() + ")")
        + " is gone: " + reason + ", exit code " + code;
    long backOff;
    synchronized (this) {
      if (stopping) {
        state = ProcessState.STOPPED;
        return;
      }
      if (!settings.launch()) {
        state = ProcessState.STARTING; // waits for whoever starts it to start it again
        backOff = -2;
      } else if (startAfterExit) {
        startAfterExit = false;
        backOff = 0;
      } else if (reason == ExitReason.CLEAN_EXIT) {
        backOff = -1;
      } else {
        backOff = restarts.crashed(System.currentTimeMillis());
      }
      if (backOff == -1) {
        state = ProcessState.STOPPED;
      } else if (backOff >= 0) {
        state = ProcessState.RESTARTING;
        pendingStart = schedule(this::launch, backOff);
      }
    }
    if (backOff == -2) {
      log.warn(what + "; main waits for it to connect again");
    } else if (backOff >= 0) {
      log.warn(what + "; it starts again in " + backOff + " ms");
    } else if (reason == ExitReason.CLEAN_EXIT) {
      log.info(what);
    } else {
      log.error(what + "; it crashed " + restarts.recentCrashes() + " times within "
          + settings.crashWindowMillis() + " ms and is not started again until ipc:restart "
          + settings.name() + " or a new configuration", null);
    }
    bus.changes().bump();
  }

  /** Accepts the connections of the process: one at a time, each after a valid hello. */
  private void acceptConnections() {
    while (!Thread.currentThread().isInterrupted()) {
      SocketChannel channel;
      try {
        channel = endpoint.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!stopping) {
          log.error("Renderer process '" + settings.name() + "': accepting on " + endpoint.socket() + " failed", e);
        }
        return;
      } catch (SecurityException e) {
        log.warn("Renderer process '" + settings.name() + "': refused a connection: " + e.getMessage());
        continue;
      }
      MainConnection opened;
      try {
        opened = MainConnection.open(channel, this);
      } catch (IOException | RuntimeException e) {
        log.warn("Renderer process '" + settings.name() + "': refused a connection: " + e.getMessage());
        closeQuietly(channel);
        continue;
      }
      connected(opened);
    }
  }

  private void connected(MainConnection opened) {
    synchronized (this) {
      if (connection != null || stopping) {
        opened.refuse("renderer process '" + settings.name() + "' is already connected");
        return;
      }
      connection = opened;
      connectedThisRun = true;
      unresponsive = false;
      if (!settings.launch()) {
        pid = opened.pid();
        startedAt = System.currentTimeMillis();
        starts++;
      }
      state = ProcessState.RUNNING;
      cancel(handshakeTimeout);
      heartbeat = timer.scheduleWithFixedDelay(this::heartbeat, settings.heartbeatMillis(),
          settings.heartbeatMillis(), TimeUnit.MILLISECONDS);
    }
    opened.start();
    log.info("Renderer process '" + settings.name() + "' (pid " + opened.pid() + ") connected");
    bus.changes().bump();
  }

  /**
   * The process closed its connection, or it broke. A launched process is about to exit, or must:
   * its exit, which says why (killed, oom, ...), destroys its WebContents. A process that someone
   * else started is judged by whether it said goodbye.
   */
  void connectionLost(MainConnection lost, String reason) {
    ChildLauncher.Child running;
    synchronized (this) {
      running = connection == lost ? child : null;
    }
    if (running == null) {
      lost.close(reason, false);
      return;
    }
    schedule(() -> {
      if (running.process().isAlive()) {
        log.warn("Renderer process '" + settings.name() + "' (pid " + running.pid() + ") closed its connection ("
            + reason + ") but did not exit; it is killed");
        running.process().destroyForcibly();
      }
    }, STOP_GRACE_MILLIS);
  }

  /** Its connection closed: what is left of the process goes too. */
  void connectionClosed(MainConnection closed, String reason) {
    ChildLauncher.Child running;
    synchronized (this) {
      if (connection != closed) {
        return;
      }
      running = child;
    }
    if (running != null) {
      // A launched process without its connection is of no use: it goes, and its exit is judged.
      // It may be going already (it said goodbye, System.exit runs its shutdown hooks): killed at
      // once, it would be judged "killed", exit code 137. So it is killed only if still there later.
      if (schedule(() -> running.process().destroyForcibly(), STOP_GRACE_MILLIS) == null) {
        running.process().destroyForcibly();
      }
    } else {
      // Someone else's process: its exit code is not main's to know; a goodbye is a clean exit.
      ended(null, closed.saidGoodbye() ? 0 : -1,
          closed.saidGoodbye() ? ExitReason.CLEAN_EXIT : ExitReason.ABNORMAL_EXIT);
    }
  }

  private void heartbeat() {
    MainConnection current;
    boolean changed;
    boolean nowUnresponsive;
    List<WebContents> renderers;
    synchronized (this) {
      current = connection;
      if (current == null) {
        return;
      }
      long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - current.lastHeardNanos());
      nowUnresponsive = silentMillis >= settings.unresponsiveMillis();
      changed = nowUnresponsive != unresponsive;
      unresponsive = nowUnresponsive;
      if (changed) {
        state = nowUnresponsive ? ProcessState.UNRESPONSIVE : ProcessState.RUNNING;
      }
      renderers = current.renderers();
      if (nowUnresponsive && settings.killUnresponsiveMillis() > 0
          && silentMillis >= settings.unresponsiveMillis() + settings.killUnresponsiveMillis() && child != null) {
        log.warn("Renderer process '" + settings.name() + "' (pid " + pid + ") did not answer for "
            + silentMillis + " ms; it is killed");
        child.process().destroyForcibly();
      }
    }
    current.ping();
    if (changed) {
      if (nowUnresponsive) {
        log.warn("Renderer process '" + settings.name() + "' (pid " + pid + ") is unresponsive: "
            + "no answer for " + settings.unresponsiveMillis() + " ms");
        renderers.forEach(webContents -> bus.webContentsEvents().unresponsive(webContents));
      } else {
        log.info("Renderer process '" + settings.name() + "' (pid " + pid + ") is responsive again");
        renderers.forEach(webContents -> bus.webContentsEvents().responsive(webContents));
      }
      bus.changes().bump();
    }
  }

  private ScheduledFuture<?> schedule(Runnable task, long millis) {
    try {
      return timer.schedule(task, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null; // the processes are closing
    }
  }

  private static void cancel(ScheduledFuture<?> future) {
    if (future != null) {
      future.cancel(false);
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  private void deleteStorage() {
    try (Stream<Path> paths = Files.walk(storage)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not remove the storage " + storage + " of renderer process '" + settings.name() + "': " + e);
    }
  }
}
