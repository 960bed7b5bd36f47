package org.ipcbus.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ipcbus.api.IpcRenderer;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Karaf, as a user runs it: feature ipcbus-samples installed from the ipcbus features repository
 * (mvn:org.ipcbus/features/VERSION/xml/features), then the seed's ping/pong and the ipc commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafIT {

  @Inject
  private FeaturesService featuresService;
  @Inject
  private SessionFactory sessionFactory;
  @Inject
  private IpcRenderer ipcRenderer;

  @Configuration
  public Option[] config() {
    return options(IpcbusKaraf.withFeatures("ipcbus-samples"));
  }

  @Test
  public void theFeaturesAreInstalled() throws Exception {
    assertTrue(featuresService.isInstalled(featuresService.getFeature("ipcbus")));
    assertTrue(featuresService.isInstalled(featuresService.getFeature("ipcbus-samples")));
  }

  @Test
  public void theSeedAnswersPingWithPongBothWays() throws Exception {
    assertEquals("pong", ipcRenderer.sendSync("synchronous-message", "ping"));

    CompletableFuture<Object> reply = new CompletableFuture<>();
    ipcRenderer.once("asynchronous-reply", (event, args) -> reply.complete(args[0]));
    ipcRenderer.send("asynchronous-message", "ping");
    assertEquals("pong", reply.get(10, TimeUnit.SECONDS));
  }

  @Test
  public void theIpcCommandsRunInTheKarafShell() throws Exception {
    ipcRenderer.sendSync("synchronous-message", "ping");
    String channels = execute("ipc:channels");
    assertTrue(channels, channels.lines().anyMatch(line ->
        line.matches("synchronous-message +service \\d+ of bundle \\d+ +- +\\d+ +0")));
    String renderers = execute("ipc:renderers");
    assertTrue(renderers, renderers.contains("org.ipcbus.sample.renderer"));
  }

  @Test
  public void everyIpcbusBundleShowsItsLicenseDocumentationAndSourceInBundleHeaders() throws Exception {
    for (String bundle : new String[] {"org.ipcbus.api", "org.ipcbus.impl", "org.ipcbus.sample.main",
        "org.ipcbus.sample.renderer"}) {
      String headers = execute("bundle:headers " + bundle);
      assertTrue(headers, headers.matches("(?s).*Bundle-License = Apache-2\\.0;.*LICENSE-2\\.0\\.txt.*"));
      assertTrue(headers, headers.matches("(?s).*Bundle-DocURL = https://\\S+.*"));
      assertTrue(headers, headers.matches("(?s).*Bundle-SCM = url=.*connection=.*"));
      assertTrue(headers, headers.matches("(?s).*Bundle-Description = \\S+.*"));
      assertTrue(headers, headers.contains("Bundle-Vendor = The ipcbus authors"));
    }
  }

  private String execute(String command) throws Exception {
    return KarafShell.execute(sessionFactory, command);
  }
}
