package org.ipcbus.benchmarks.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.WebContents;
import org.ipcbus.benchmarks.support.FakeBundles;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.BusConfig;
import org.ipcbus.impl.bus.MainClient;
import org.ipcbus.impl.process.ProcessSettings;
import org.ipcbus.impl.process.RendererProcess;
import org.ipcbus.impl.process.RendererProcesses;

/**
 * Main with renderer processes, in this JVM: the plain-Java {@link Bus} (as the impl's tests and the
 * other benchmarks run it, without a framework) and {@link RendererProcesses}, which launches each
 * child as ipcbus does: {@code java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar
 * ipcbus-renderer-host.jar} (the documented default options) running the benchmark's renderer bundle
 * ({@code benchmarks/child-bundle}), over a Unix domain socket of its own.
 */
final class ChildProcesses implements AutoCloseable {

  /** The documented default JVM options of a renderer process (docs/processes.md). */
  static final List<String> CHILD_VM_OPTIONS = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");

  /** A launched child whose renderer said hello. */
  record Child(RendererProcess process, WebContents webContents, long pid, long launchNanos,
      long connectedNanos, long helloNanos) {}

  private final ProcessLog log;
  private final Bus bus;
  private final IpcMain main;
  private final RendererProcesses processes;
  private final Map<Long, CompletableFuture<Hello>> hellos = new ConcurrentHashMap<>();

  private record Hello(WebContents sender, long nanos) {}

  /** @param verbose whether main's info log (the children's output among it) is printed */
  ChildProcesses(boolean verbose) {
    log = new ProcessLog(verbose);
    bus = new Bus(BusConfig.DEFAULTS, log);
    main = new MainClient(bus, FakeBundles.next("bench.main"));
    processes = new RendererProcesses(bus, FakeBundles.next("bench.processes"), log);
    main.on(Channels.HELLO, (event, args) -> {
      Hello hello = new Hello(event.getSender(), System.nanoTime());
      hellos.computeIfAbsent(((Number) args[0]).longValue(), pid -> new CompletableFuture<>()).complete(hello);
    });
  }

  /** @return main's IpcMain */
  IpcMain main() {
    return main;
  }

  /** @return main's log */
  ProcessLog log() {
    return log;
  }

  /**
   * Launches a renderer process and waits until its renderer said hello.
   *
   * @param name the process's name
   * @return the child
   */
  Child launch(String name) {
    ProcessSettings settings = new ProcessSettings(name, List.of(BenchBundles.childBundle().toUri().toString()),
        HelperJvm.javaExecutable(), BenchBundles.hostJar(), vmOptions(), Map.of(), true,
        0, 300_000, 1_000, 3_000, 0, 60_000, 0);
    long launched = System.nanoTime();
    RendererProcess process;
    try {
      process = processes.start(settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long pid = process.snapshot().pid();
    try {
      Hello hello = hellos.computeIfAbsent(pid, key -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
      Long connected = log.connectedNanos(name);
      return new Child(process, hello.sender(), pid, launched, connected == null ? -1 : connected, hello.nanos());
    } catch (Exception e) {
      processes.stop(process);
      throw new IllegalStateException("renderer process '" + name + "' (pid " + pid + ") did not say hello "
          + "within 60 s (" + process.snapshot() + ")", e);
    } finally {
      hellos.remove(pid);
    }
  }

  private static List<String> vmOptions() {
    List<String> options = new ArrayList<>(CHILD_VM_OPTIONS);
    String extra = System.getProperty("ipcbus.bench.child.options", "").trim();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    options.addAll(HelperJvm.flightRecording("renderer-process"));
    return options;
  }

  /** Stops a child (it is asked to go, killed after 2 s) and forgets it. */
  void stop(Child child) {
    HelperJvm.dumpFlightRecording(child.pid());
    processes.stop(child.process());
  }

  @Override
  public void close() {
    for (RendererProcess process : processes.all()) {
      HelperJvm.dumpFlightRecording(process.snapshot().pid());
    }
    processes.close();
    bus.close();
  }
}
