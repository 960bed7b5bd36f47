package org.ipcbus.impl.process;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.BusLog;
import org.osgi.framework.Bundle;

/**
 * The renderer processes of one bus, by name, with the one timer that watches them all. Closing it
 * stops every process: no renderer JVM outlives the bus that started it.
 */
public final class RendererProcesses implements AutoCloseable {

  private final Bus bus;
  private final Bundle speaker;
  private final BusLog log;
  private final ScheduledThreadPoolExecutor timer;
  private final Map<String, RendererProcess> byName = new ConcurrentSkipListMap<>();

  /**
   * @param bus the bus the processes' renderers join
   * @param speaker the bundle in main that speaks for them
   * @param log where their output and fate go
   */
  public RendererProcesses(Bus bus, Bundle speaker, BusLog log) {
    this.bus = bus;
    this.speaker = speaker;
    this.log = log;
    this.timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "ipcbus-process-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * Launches a process.
   *
   * @param settings how
   * @return the process
   * @throws IllegalStateException if a process of that name exists
   * @throws IOException if its socket cannot be made
   */
  public RendererProcess start(ProcessSettings settings) throws IOException {
    RendererProcess process = new RendererProcess(settings, bus, speaker, log, timer);
    if (byName.putIfAbsent(settings.name(), process) != null) {
      process.stop();
      throw new IllegalStateException("a renderer process named '" + settings.name() + "' exists already");
    }
    process.start();
    bus.changes().bump();
    return process;
  }

  /**
   * Stops a process for good and forgets it.
   *
   * @param process the process
   */
  public void stop(RendererProcess process) {
    if (byName.remove(process.name(), process)) {
      process.stop();
      bus.changes().bump();
    }
  }

  /** @return a process by name */
  public Optional<RendererProcess> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** @return the processes, by name */
  public List<RendererProcess> all() {
    return List.copyOf(byName.values());
  }

  /**
   * Stops every process, all at once (each may take its grace time before it is killed), then the
   * timer.
   */
  @Override
  public void close() {
    List<Thread> stoppers = all().stream()
        .map(process -> new Thread(() -> stop(process), "ipcbus-process-" + process.name() + "-stop")).toList();
    stoppers.forEach(Thread::start);
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    timer.shutdownNow();
  }
}
