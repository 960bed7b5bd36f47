package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.WebContents;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogEntry;

/**
 * Renderer processes that die or stop answering, with real child JVMs: main tells why in Electron's
 * words, destroys their WebContents at once, restarts them until they crash too often, notices
 * silence, and leaves no child behind when ipcbus stops.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProcessCrashIT extends ProcessTestSupport {

  @Test
  public void systemExitIsAnAbnormalExitWithItsExitCode() throws Exception {
    launchTestChild("exits", Map.of());
    TestChildren.Child child = children.awaitReady();
    children.command(child, "exit 3");
    Await.until("the exited child's WebContents is destroyed", child.contents()::isDestroyed);
    LogEntries.await(context, "the exit", entry -> entry.getMessage()
        .startsWith("Renderer process 'exits' (pid " + child.pid() + ") is gone: abnormal-exit, exit code 3;"));
    assertFalse(ChildProcesses.alive(child.pid()));
  }

  @Test
  public void runningOutOfHeapIsOom() throws Exception {
    launchTestChild("hoards", Map.of("vm.options", new String[] {"-Xmx48m", "-XX:+ExitOnOutOfMemoryError"}));
    TestChildren.Child child = children.awaitReady();
    children.command(child, "oom");
    Await.until("the child out of heap is destroyed", child.contents()::isDestroyed);
    // With -XX:+ExitOnOutOfMemoryError the JVM exits with 3, like System.exit(3): its last words tell.
    LogEntries.await(context, "the death by OutOfMemoryError", entry -> entry.getMessage()
        .startsWith("Renderer process 'hoards' (pid " + child.pid() + ") is gone: oom, exit code 3;"));
  }

  @Test
  public void threeCrashesWithinTheWindowAreTheLast() throws Exception {
    launchTestChild("crashes", leanChild(Map.of("max.crashes", 3, "crash.window.ms", 60_000L)));
    for (int crash = 1; crash <= 3; crash++) {
      TestChildren.Child child = children.awaitReady();
      children.command(child, "halt 7");
      Await.until("crash " + crash + " destroyed the child's WebContents", child.contents()::isDestroyed);
      LogEntries.await(context, "crash " + crash, entry -> entry.getMessage()
          .startsWith("Renderer process 'crashes' (pid " + child.pid() + ") is gone: abnormal-exit, exit code 7;"));
    }
    LogEntries.await(context, "that it is not started again", entry -> entry.getMessage()
        .endsWith("it crashed 3 times within 60000 ms and is not started again until ipc:restart crashes or "
            + "a new configuration"));
    // No fourth start: no new renderer within a few seconds, and no JVM.
    assertNull("a fourth start", children.pollReady(3_000));
    assertTrue(ChildProcesses.remote(ipcMain).isEmpty());
    assertTrue(rendererHosts().toString(), rendererHosts().isEmpty());
  }

  @Test
  public void aStoppedChildIsUnresponsiveAndResponsiveAgainOnceContinued() throws Exception {
    long heartbeat = 200;
    long unresponsive = 1_000;
    launchTestChild("sleeper", Map.of("heartbeat.ms", heartbeat, "unresponsive.ms", unresponsive));
    TestChildren.Child child = children.awaitReady();
    String prefix = "Renderer process 'sleeper' (pid " + child.pid() + ") is ";

    // A renderer busy on its own thread is not unresponsive: the connection answers the heartbeats.
    children.command(child, "hang");
    Thread.sleep(unresponsive + 500);
    assertTrue(LogEntries.all(context).stream().noneMatch(entry -> entry.getMessage().startsWith(prefix + "unresponsive")));

    long stopped = System.currentTimeMillis();
    signal(child.pid(), "STOP");
    try {
      LogEntry silent = LogEntries.await(context, "that the stopped child is unresponsive",
          entry -> entry.getMessage().startsWith(prefix + "unresponsive"));
      long noticed = silent.getTime() - stopped;
      report("ProcessCrashIT: SIGSTOP -> unresponsive after " + noticed + " ms (unresponsive.ms " + unresponsive
          + ", heartbeat.ms " + heartbeat + ")");
      // The last frame came about one heartbeat before the stop (later on a busy machine); the check
      // runs every heartbeat.
      assertTrue(noticed + " ms", noticed >= unresponsive - 2 * heartbeat - 100);
      assertTrue(noticed + " ms", noticed <= unresponsive + 2 * heartbeat + 500);
      assertFalse(child.contents().isDestroyed());
    } finally {
      signal(child.pid(), "CONT");
    }
    long continued = System.currentTimeMillis();
    LogEntry back = LogEntries.await(context, "that the child is responsive again",
        entry -> entry.getMessage().equals(prefix + "responsive again"));
    report("ProcessCrashIT: SIGCONT -> responsive again after " + (back.getTime() - continued) + " ms");
    assertTrue(back.getTime() - continued <= 2 * heartbeat + 500);
    assertFalse(child.contents().isDestroyed());
  }

  @Test
  public void stoppingIpcbusEndsEveryChildWithinFiveSeconds() throws Exception {
    List<Long> pids = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      launchTestChild("stopped-" + i, leanChild(Map.of()));
    }
    for (int i = 1; i <= 4; i++) {
      pids.add(children.awaitReady().pid());
    }
    Bundle impl = bundleNamed("org.ipcbus.impl");
    long start = System.nanoTime();
    impl.stop();
    Await.within(5_000, "every child of the stopped ipcbus is gone", () -> pids.stream().noneMatch(ChildProcesses::alive));
    report("ProcessCrashIT: ipcbus stopped with 4 children: all gone after "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
    assertTrue(rendererHosts().toString(), rendererHosts().isEmpty());

    stopProcesses(); // without their configurations, the restarted bundle launches nothing
    impl.start();
    Await.until("ipcbus is back", () -> context.getServiceReference(IpcMain.class) != null);
  }

  /**
   * The seed's renderer in a child, on every Java of the test run: killed, its WebContents is
   * destroyed at once, and the restarted child plays the seed again within 3 s, JVM start included.
   */
  @Test
  public void aKilledChildIsDestroyedAtOnceAndItsRestartPlaysTheSeedAgainOnEveryJava() throws Exception {
    List<String> javas = TestJavas.executables();
    for (int i = 0; i < javas.size(); i++) {
      String java = javas.get(i);
      String name = "seed-" + i;
      long launchedAt = System.currentTimeMillis();
      org.osgi.service.cm.Configuration process = launchSeed(name, Map.of("java", java));
      long pid = awaitLaunch(name, launchedAt);
      LogEntry played = awaitOutput(name, pid, "pong", 2);
      WebContents first = awaitRendererOfProcess(pid);
      LogEntry connected = LogEntries.await(context, "the connection of " + pid, entry -> entry.getMessage()
          .equals("Renderer process '" + name + "' (pid " + pid + ") connected"));
      long launchLogged = LogEntries.await(context, "the launch of " + pid, entry -> entry.getMessage()
          .equals("Renderer process '" + name + "' launched, pid " + pid)).getTime();

      long killedAt = System.currentTimeMillis();
      long killed = System.nanoTime();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      while (!first.isDestroyed() && System.nanoTime() - killed < 10_000_000_000L) {
        LockSupport.parkNanos(100_000);
      }
      long destroyedMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - killed);
      assertTrue(first.isDestroyed());

      long second = awaitLaunch(name, killedAt);
      assertNotEquals(pid, second);
      LogEntry playedAgain = awaitOutput(name, second, "pong", 2);
      long restartToSeed = playedAgain.getTime() - killedAt;
      report("ProcessCrashIT: " + java + ": child start " + (connected.getTime() - launchLogged)
          + " ms to connect, " + (played.getTime() - launchLogged) + " ms to the seed's second pong; kill -> "
          + "WebContents destroyed " + destroyedMicros / 1000.0 + " ms; kill -> seed played again by the restarted "
          + "child " + restartToSeed + " ms");
      // The targets are 100 ms and 3 s; the report above measures them. The bounds asserted
      // here are looser, because a timed test on a loaded 2-core machine is no performance claim
      // (docs/performance.md has the measured figures): they catch a destroy that waits for a
      // timeout or a restart that waits for the back-off of a crash loop, not a slow JVM start.
      assertTrue("kill -> destroyed took " + destroyedMicros + " µs", destroyedMicros < 1_000_000);
      assertTrue("kill -> seed again took " + restartToSeed + " ms", restartToSeed < 15_000);
      assertFalse(ChildProcesses.alive(pid));

      process.delete();
      Await.within(5_000, "the restarted child is gone", () -> !ChildProcesses.alive(second));
      assertEquals(List.of(), rendererHosts());
    }
  }

  private Bundle bundleNamed(String symbolicName) {
    for (Bundle bundle : context.getBundles()) {
      if (symbolicName.equals(bundle.getSymbolicName())) {
        return bundle;
      }
    }
    throw new AssertionError("no bundle " + symbolicName);
  }
}
