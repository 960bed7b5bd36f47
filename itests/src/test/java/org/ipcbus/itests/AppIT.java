package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/** The demo jar, run as a process the way the README says, prints the seed's output. */
public class AppIT {

  @Test
  public void theDemoPrintsBothPongsAndExits() throws Exception {
    File jar = new File(System.getProperty("ipcbus.app"));
    assertTrue(jar + " exists", jar.isFile());
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process = new ProcessBuilder(java, "-jar", jar.getPath())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue("the demo exits when standard input ends:\n" + output, exited);
    List<String> seed = output.lines().filter(line -> line.equals("ping") || line.equals("pong")).toList();
    assertEquals(output, List.of("ping", "pong", "ping", "pong"), seed);
    assertTrue(output, output.contains("gosh: stopping shell and framework"));
  }
}
