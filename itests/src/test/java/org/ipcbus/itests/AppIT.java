package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The demo jar, run as a process the way the README says, prints the seed's output: on the Java
 * running the tests and on every other Java named in {@link TestJavas#ENVIRONMENT}.
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
}
