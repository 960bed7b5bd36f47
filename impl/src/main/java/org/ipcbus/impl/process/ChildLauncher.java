package org.ipcbus.impl.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ipcbus.impl.bus.BusLog;
import org.ipcbus.wire.WireProtocol;

/**
 * Starts the JVM of a renderer process: the renderer host's runnable jar with the configured
 * bundles, told where main's socket is; and copies what it prints to main's log, line by line,
 * under the process's name.
 */
final class ChildLauncher {

  /** The system property naming the bundles the renderer host's launch configuration starts. */
  static final String BUNDLES_PROPERTY = "ipcbus.host.bundles";

  private final ProcessSettings settings;
  private final BusLog log;

  ChildLauncher(ProcessSettings settings, BusLog log) {
    this.settings = settings;
    this.log = log;
  }

  /**
   * Starts the process.
   *
   * @param endpoint main's end of its socket
   * @param storage the directory for its framework's storage
   * @return the running child, whose output is already being copied to the log
   * @throws IOException if it cannot be started
   */
  Child start(SocketEndpoint endpoint, Path storage) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(settings.java().toString());
    command.addAll(settings.vmOptions());
    command.add("-D" + BUNDLES_PROPERTY + "=" + String.join(" ", settings.bundles()));
    command.add("-Dorg.osgi.framework.storage=" + storage);
    command.add("-jar");
    command.add(settings.hostJar().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(settings.environment());
    // Where main is and the secret, in the environment: every user can read a command line.
    builder.environment().put(WireProtocol.ENV_SOCKET, endpoint.socket().toString());
    builder.environment().put(WireProtocol.ENV_PROCESS_NAME, settings.name());
    builder.environment().put(WireProtocol.ENV_SECRET, endpoint.secretText());
    Process process = builder.start();
    process.getOutputStream().close(); // nothing to read: its shell, if any, ends at once
    Child child = new Child(process);
    copy(process.getInputStream(), "stdout", child, false);
    copy(process.getErrorStream(), "stderr", child, true);
    return child;
  }

  private void copy(InputStream stream, String name, Child child, boolean errors) {
    String prefix = "Renderer process '" + settings.name() + "' (pid " + child.pid() + ") " + name + ": ";
    Thread thread = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          // HotSpot's -XX:+ExitOnOutOfMemoryError says "Terminating due to java.lang.OutOfMemoryError"
          // on standard output; a stack trace of one goes to standard error.
          if (line.contains("java.lang.OutOfMemoryError") && (errors || line.startsWith("Terminating due to"))) {
            child.sawOutOfMemory();
          }
          if (errors) {
            log.warn(prefix + line);
          } else {
            log.info(prefix + line);
          }
        }
      } catch (IOException e) {
        // the process is gone
      } finally {
        child.outputEnded();
      }
    }, "ipcbus-process-" + settings.name() + "-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** A started renderer process. */
  static final class Child {
    private final Process process;
    private volatile boolean outOfMemory;
    private int openStreams = 2;

    Child(Process process) {
      this.process = process;
    }

    /** @return its OS process id */
    long pid() {
      return process.pid();
    }

    /** @return the process */
    Process process() {
      return process;
    }

    /** @return whether it reported an OutOfMemoryError on its standard error */
    boolean outOfMemory() {
      return outOfMemory;
    }

    void sawOutOfMemory() {
      outOfMemory = true;
    }

    private synchronized void outputEnded() {
      openStreams--;
      notifyAll();
    }

    /**
     * Waits until what it printed has been read, so that its last words (an OutOfMemoryError)
     * are known when its exit is judged.
     *
     * @param millis how long at most
     */
    synchronized void awaitOutput(long millis) throws InterruptedException {
      long end = System.currentTimeMillis() + millis;
      while (openStreams > 0 && System.currentTimeMillis() < end) {
        wait(Math.max(1, end - System.currentTimeMillis()));
      }
    }
  }
}
