package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The demo jar, run as a process the way the README says, prints the seed's output: on the Java
 * running the tests and on every other Java named in {@link TestJavas#ENVIRONMENT}. With the
 * argument {@code renderer-process}, the seed's renderer plays from a child JVM; with {@code console}
 * the Web Console serves the tab IPC.
 */
@RunWith(Parameterized.class)
public class AppIT {

  @Parameters(name = "{0}")
  public static List<String> javas() {
    return TestJavas.executables();
  }

  @Parameter
  public String java;

  /** Runs the demo jar with the given standard input; returns its output once it has exited. */
  private String runApp(String input) throws Exception {
    File jar = new File(System.getProperty("ipcbus.app"));
    assertTrue(jar + " exists", jar.isFile());
    Process process = new ProcessBuilder(java, "-jar", jar.getPath()).redirectErrorStream(true).start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the process ended early; its output says why
    }
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue("the demo exits when standard input ends:\n" + output, exited);
    assertEquals("exit status of the demo on " + java + ":\n" + output, 0, process.exitValue());
    return output;
  }

  @Test
  public void theDemoPrintsBothPongsAndExits() throws Exception {
    String output = runApp("");
    List<String> seed = output.lines().filter(line -> line.equals("ping") || line.equals("pong")).toList();
    assertEquals(output, List.of("ping", "pong", "ping", "pong"), seed);
    assertTrue(output, output.contains("gosh: stopping shell and framework"));
  }

  @Test
  public void theIpcCommandsWorkInTheDemoShell() throws Exception {
    String output = runApp("ipc:channels\nipc:renderers\nipc:send 1 asynchronous-reply '[\"pong\"]'\n");
    assertTrue(output, output.lines().anyMatch(line ->
        line.matches("(g! )?asynchronous-message +service \\d+ of bundle \\d+ +- +1 +0")));
    assertTrue(output, output.lines().anyMatch(line ->
        line.matches("(g! )?1 +\\d+ +org\\.ipcbus\\.sample\\.renderer .* +asynchronous-reply")));
    assertTrue(output, output.contains("Sent to WebContents 1 on channel 'asynchronous-reply'"));
  }

  @Test
  public void everyBundleOfTheDemoIsActive() throws Exception {
    String output = runApp("lb\n");
    List<String> bundles = output.lines().filter(line -> line.matches(".*\\s*\\d+\\|\\w+\\s*\\|.*")).toList();
    assertEquals(output, 15, bundles.size());
    assertTrue(output, bundles.stream().allMatch(line -> line.contains("|Active")));
  }

  // ---- java -jar ipcbus-app.jar renderer-process ------------------------------------------------

  private static final Pattern CHILD_PONG = Pattern.compile("Renderer process 'sample' \\(pid (\\d+)\\) stdout: pong");
  private static final Pattern LAUNCHED = Pattern.compile("Renderer process 'sample' launched, pid (\\d+)");

  @Test
  public void theRendererProcessDemoPlaysTheSeedFromAChildAndLeavesNoChildBehind() throws Exception {
    File jar = new File(System.getProperty("ipcbus.app"));
    for (String beside : new String[] {"ipcbus-renderer-host.jar", "sample-renderer-bundle.jar",
        "etc/org.ipcbus.process-sample.cfg", "etc/org.ops4j.pax.logging.cfg"}) {
      assertTrue(beside + " is beside the demo jar", new File(jar.getParentFile(), beside).isFile());
    }
    Process demo = new ProcessBuilder(java, "-jar", jar.getPath(), "renderer-process").redirectErrorStream(true).start();
    Output output = new Output(demo);
    Set<Long> children = new TreeSet<>();
    try (OutputStream stdin = demo.getOutputStream()) {
      // The child's two pongs reach main's console through main's log; main printed the pings.
      output.await("the child's two pongs on main's console", lines -> lines.stream()
          .filter(line -> CHILD_PONG.matcher(line).find()).count() >= 2);
      demo.descendants().forEach(child -> children.add(child.pid()));
      String pid = pids(output.lines(), LAUNCHED).stream().map(String::valueOf).findFirst().orElse("?");
      stdin.write("ipc:renderers\nipc:processes\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      // The child's sample renderer bundle (its bundle id is the child's), in process sample.
      output.await("ipc:renderers listing the child's renderer", lines -> lines.stream().anyMatch(line ->
          line.matches("(g! )?\\d+ +\\d+ +org\\.ipcbus\\.sample\\.renderer +sample \\(" + pid + "\\) .* asynchronous-reply")));
      output.await("ipc:processes listing the child", lines -> lines.stream().anyMatch(line ->
          line.matches("(g! )?sample +" + pid + " +RUNNING .*")));
    } finally {
      boolean exited = demo.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        demo.destroyForcibly();
      }
      output.finish();
      assertTrue("the demo exits when standard input ends:\n" + output, exited);
    }
    assertEquals("exit status of the demo on " + java + ":\n" + output, 0, demo.exitValue());

    List<String> lines = output.lines();
    assertEquals(output.toString(), 2, lines.stream().filter(line -> line.equals("ping")).count());
    // Main's own framework has no sample renderer: the only pongs are the child's, with its pid.
    assertEquals(output.toString(), 0, lines.stream().filter(line -> line.equals("pong")).count());
    Set<Long> launched = pids(lines, LAUNCHED);
    assertEquals(output.toString(), 1, launched.size());
    assertEquals(output.toString(), launched, pids(lines, CHILD_PONG));
    assertTrue("the child " + launched + " is one of the demo's processes " + children, children.containsAll(launched));
    for (long pid : children) {
      assertFalse("process " + pid + " of the demo outlived it:\n" + output,
          ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
    assertTrue(output.toString(), output.toString().contains("gosh: stopping shell and framework"));
  }

  // ---- java -jar ipcbus-app.jar console ---------------------------------------------------------

  @Test
  public void theConsoleDemoPlaysTheSeedAndServesTheTabIpcBehindTheDefaultLogin() throws Exception {
    File jar = new File(System.getProperty("ipcbus.app"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // The README's command, on a free port instead of 8080.
    Process demo = new ProcessBuilder(java, "-Dorg.osgi.service.http.port=" + port, "-jar", jar.getPath(), "console")
        .redirectErrorStream(true).start();
    Output output = new Output(demo);
    HttpClient http = HttpClient.newHttpClient();
    URI data = URI.create("http://localhost:" + port + "/system/console/ipc/data.json");
    String login = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    try (OutputStream stdin = demo.getOutputStream()) {
      output.await("the seed's two pongs", lines -> lines.stream().filter(line -> line.equals("pong")).count() >= 2);
      HttpResponse<String> response = null;
      long deadline = System.currentTimeMillis() + 60_000;
      while (response == null || response.statusCode() != 200) {
        assertTrue("the console answers on port " + port + ": " + (response == null ? "no answer" : response.statusCode())
            + "\n" + output, System.currentTimeMillis() < deadline);
        try {
          response = http.send(HttpRequest.newBuilder(data).header("Authorization", login).build(),
              HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
          Thread.sleep(200); // Jetty not listening yet
        }
      }
      assertTrue(response.body(), response.body().contains("\"bundleSymbolicName\":\"org.ipcbus.sample.renderer\""));
      assertTrue(response.body(), response.body().contains("\"name\":\"asynchronous-message\""));
      assertTrue(response.body(), response.body().contains("\"name\":\"synchronous-message\""));
      assertEquals(401, http.send(HttpRequest.newBuilder(data).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
    } finally {
      boolean exited = demo.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        demo.destroyForcibly();
      }
      output.finish();
      assertTrue("the console demo exits when standard input ends:\n" + output, exited);
    }
    assertEquals("exit status of the console demo on " + java + ":\n" + output, 0, demo.exitValue());
  }

  @Test
  public void anUnknownConfigurationIsRefusedWithExitStatus2() throws Exception {
    File jar = new File(System.getProperty("ipcbus.app"));
    Process demo = new ProcessBuilder(java, "-jar", jar.getPath(), "no-such-demo").redirectErrorStream(true).start();
    demo.getOutputStream().close();
    assertTrue(demo.waitFor(60, TimeUnit.SECONDS));
    String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(output, 2, demo.exitValue());
    assertTrue(output, output.contains("This jar has no configuration 'no-such-demo'"));
  }

  private static Set<Long> pids(List<String> lines, Pattern pattern) {
    Set<Long> pids = new TreeSet<>();
    for (String line : lines) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.find()) {
        pids.add(Long.parseLong(matcher.group(1)));
      }
    }
    return pids;
  }

  /** What a running process prints, line by line, read as it comes. */
  private static final class Output {
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    Output(Process process) {
      reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            synchronized (lines) {
              lines.add(line);
              lines.notifyAll();
            }
          }
        } catch (IOException e) {
          // the process is gone
        }
      }, "demo output");
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits (60 s at most, the child JVM's start included) until the lines so far match. */
    void await(String what, Predicate<List<String>> condition) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 60_000;
      synchronized (lines) {
        while (!condition.test(lines)) {
          long left = deadline - System.currentTimeMillis();
          if (left <= 0) {
            throw new AssertionError("timed out after 60 s waiting for " + what + ":\n" + String.join("\n", lines));
          }
          lines.wait(left);
        }
      }
    }

    void finish() throws InterruptedException {
      reader.join(10_000);
    }

    List<String> lines() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }

    @Override
    public String toString() {
      return lines().stream().collect(Collectors.joining("\n"));
    }
  }
}
