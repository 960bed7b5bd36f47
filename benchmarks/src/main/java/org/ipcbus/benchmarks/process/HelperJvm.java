package org.ipcbus.benchmarks.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The other process of a cross-process benchmark: a JVM started from this benchmark's own jar with
 * a main class of it. The helper says {@code READY <details>} on its standard output when it
 * listens; everything else it prints goes to this JVM's standard error. It ends when its standard
 * input ends, so that it never outlives the benchmark fork, even one that is killed.
 */
final class HelperJvm implements AutoCloseable {

  /** The heap of every helper JVM: touched up front, as the benchmark forks' (see benchmarks/run). */
  static final List<String> VM_OPTIONS = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");

  /** The system property naming the directory for the JFR recordings of the started JVMs. */
  static final String JFR_PROPERTY = "ipcbus.bench.jfr";

  private final Process process;
  private final OutputStream stdin;
  private final String ready;

  private HelperJvm(Process process, String ready) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.ready = ready;
  }

  /**
   * Starts a helper and waits for its READY line.
   *
   * @param mainClass its main class, in this jar
   * @param args its arguments
   * @return the running helper
   */
  static HelperJvm start(Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable().toString());
    command.addAll(VM_OPTIONS);
    command.addAll(flightRecording(mainClass.getSimpleName()));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
    CompletableFuture<String> ready = new CompletableFuture<>();
    String name = mainClass.getSimpleName() + " " + String.join(" ", args);
    Thread output = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!ready.isDone() && line.startsWith("READY")) {
            ready.complete(line.substring(5).trim());
          } else {
            System.err.println("[" + name + "] " + line);
          }
        }
      } catch (IOException e) {
        // the helper is gone
      }
      ready.completeExceptionally(new IllegalStateException(name + " ended before it was ready"));
    }, "bench-helper-output");
    output.setDaemon(true);
    output.start();
    try {
      return new HelperJvm(process, ready.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("helper " + name + " did not get ready", e);
    }
  }

  /** @return what the helper said after READY */
  String ready() {
    return ready;
  }

  /** @return its OS process id */
  long pid() {
    return process.pid();
  }

  /**
   * With the system property {@value #JFR_PROPERTY} set to a directory (benchmarks/run's profile
   * mode sets it), every JVM a cross-process benchmark starts records a JFR profile into it, which
   * it writes when it exits.
   *
   * @param role what the JVM is, for the file's name
   * @return the JVM options, none without the property
   */
  static List<String> flightRecording(String role) {
    String directory = System.getProperty(JFR_PROPERTY);
    if (directory == null || directory.isBlank()) {
      return List.of();
    }
    Path file = Path.of(directory, role + "-" + System.currentTimeMillis() + "-" + System.nanoTime() % 100_000 + ".jfr");
    return List.of("-XX:StartFlightRecording=name=bench,settings=profile,dumponexit=true,filename=" + file);
  }

  /**
   * With {@value #JFR_PROPERTY} set, writes the recording of a JVM started with
   * {@link #flightRecording} now ({@code jcmd <pid> JFR.dump}): a JVM that is killed at its end
   * would not write it.
   *
   * @param pid the JVM's process id
   */
  static void dumpFlightRecording(long pid) {
    if (System.getProperty(JFR_PROPERTY, "").isBlank()) {
      return;
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "JFR.dump", "name=bench")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      dump.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      System.err.println("could not dump the flight recording of " + pid + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** Ends its standard input, which ends it; kills it if it has not gone within 5 s. */
  @Override
  public void close() {
    dumpFlightRecording(process.pid());
    try {
      stdin.close();
    } catch (IOException e) {
      // it is gone already
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * For the helper's main: ends the JVM when standard input ends (the benchmark closed it, or died).
   */
  static void exitWhenStdinEnds() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // nothing is sent; wait for the end
        }
      } catch (IOException e) {
        // ended
      }
      System.exit(0);
    }, "bench-helper-stdin");
    watcher.setDaemon(true);
    watcher.start();
  }
}
