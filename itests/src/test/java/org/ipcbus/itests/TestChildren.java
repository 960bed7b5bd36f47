package org.ipcbus.itests;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.WebContents;

/**
 * Main's side of the process test bundle (module process-test-bundle): its renderers say
 * {@code test.ready} with their pid, take commands on {@code test.command} and report what they saw
 * on {@code test.result} as (scenario, outcome).
 */
final class TestChildren {

  /** How long a child may take to start on a busy machine. */
  static final long START_MILLIS = 30_000;

  /** One renderer of the process test bundle in a renderer process. */
  record Child(WebContents contents, long pid) {}

  private final BlockingQueue<Child> ready = new LinkedBlockingQueue<>();
  private final Map<String, BlockingQueue<Map<String, Object>>> results = new ConcurrentHashMap<>();

  TestChildren(IpcMain ipcMain) {
    ipcMain.on("test.ready", (event, args) -> ready.add(new Child(event.getSender(), ((Number) args[0]).longValue())));
    ipcMain.on("test.result", (event, args) -> resultsOf(event.getSender().getId(), (String) args[0])
        .add(castMap(args[1])));
  }

  /** Waits for the next renderer of the test bundle to be ready. */
  Child awaitReady() throws InterruptedException {
    Child child = ready.poll(START_MILLIS, TimeUnit.MILLISECONDS);
    if (child == null) {
      throw new AssertionError("no renderer process with the test bundle was ready within " + START_MILLIS + " ms");
    }
    return child;
  }

  /** @return the next renderer that became ready within the time, or null */
  Child pollReady(long millis) throws InterruptedException {
    return ready.poll(millis, TimeUnit.MILLISECONDS);
  }

  void command(Child child, String command) {
    child.contents().send("test.command", command);
  }

  /** Runs a scenario in the child and waits for what it reports. */
  Map<String, Object> run(Child child, String scenario) throws InterruptedException {
    command(child, scenario);
    return result(child, scenario.split(" ")[0]);
  }

  /** Waits for the child's report of a scenario. */
  Map<String, Object> result(Child child, String scenario) throws InterruptedException {
    Map<String, Object> outcome = resultsOf(child.contents().getId(), scenario).poll(START_MILLIS,
        TimeUnit.MILLISECONDS);
    if (outcome == null) {
      throw new AssertionError("the child (pid " + child.pid() + ") did not report " + scenario);
    }
    return outcome;
  }

  private BlockingQueue<Map<String, Object>> resultsOf(long id, String scenario) {
    return results.computeIfAbsent(id + " " + scenario, key -> new LinkedBlockingQueue<>());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return (Map<String, Object>) value;
  }
}
