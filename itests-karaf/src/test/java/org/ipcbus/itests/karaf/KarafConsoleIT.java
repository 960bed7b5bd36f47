package org.ipcbus.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Karaf with feature ipcbus-webconsole (Karaf's own webconsole on Pax Web): the tab IPC's JSON
 * endpoint over HTTP, behind Karaf's login, and a send through it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafConsoleIT {

  private static final String PORT_PROPERTY = "ipcbus.console.port";
  /** A user of Karaf's realm with the role the console asks for (users.properties ships none). */
  private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString("ipcbus:secret".getBytes(StandardCharsets.UTF_8));

  @Inject
  private FeaturesService featuresService;

  @Configuration
  public Option[] config() {
    String port = String.valueOf(freePort());
    return options(IpcbusKaraf.withFeatures("ipcbus-samples", "ipcbus-webconsole"),
        editConfigurationFilePut("etc/users.properties", "ipcbus", "secret,admin"),
        editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", port),
        editConfigurationFilePut("etc/system.properties", PORT_PROPERTY, port));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for Karaf's HTTP service", e);
    }
  }

  private record Response(int status, String body) {}

  private static Response request(String method, String path, String login, String token, String form) throws IOException {
    URI uri = URI.create("http://localhost:" + System.getProperty(PORT_PROPERTY) + "/system/console/ipc" + path);
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestMethod(method);
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(30_000);
    if (login != null) {
      connection.setRequestProperty("Authorization", login);
    }
    if (token != null) {
      connection.setRequestProperty("X-Ipcbus-Token", token);
    }
    if (form != null) {
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(form.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = connection.getResponseCode();
    InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
    return new Response(status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
  }

  /** Waits for Pax Web and the console, which come up after the feature's install returned. */
  private static Response data() throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        Response response = request("GET", "/data.json", LOGIN, null, null);
        if (response.status() == 200 || System.nanoTime() > deadline) {
          return response;
        }
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(200);
    }
  }

  private static long received(String data) {
    Matcher received = Pattern.compile("\"bundleSymbolicName\":\"org.ipcbus.sample.renderer\"[^}]*\"messagesReceived\":(\\d+)").matcher(data);
    assertTrue(data, received.find());
    return Long.parseLong(received.group(1));
  }

  @Test
  public void theFeatureIsInstalled() throws Exception {
    assertTrue(featuresService.isInstalled(featuresService.getFeature("ipcbus-webconsole")));
    assertTrue(featuresService.isInstalled(featuresService.getFeature("webconsole")));
  }

  @Test
  public void theJsonEndpointShowsTheSeedBehindKarafsLogin() throws Exception {
    Response data = data();
    assertEquals(data.body(), 200, data.status());
    assertTrue(data.body(), data.body().contains("\"bundleSymbolicName\":\"org.ipcbus.sample.renderer\""));
    assertTrue(data.body(), data.body().contains("\"name\":\"asynchronous-message\""));
    assertTrue(data.body(), data.body().contains("\"name\":\"synchronous-message\""));
    assertTrue(data.body(), data.body().contains("\"sync.timeout.ms\":30000"));
    assertEquals(401, request("GET", "/data.json", null, null, null).status());
  }

  @Test
  public void aSendThroughTheConsoleReachesTheSampleRenderer() throws Exception {
    String body = data().body();
    Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
    Matcher renderer = Pattern.compile("\\{\"id\":(\\d+),\"bundleId\":\\d+,\"bundleSymbolicName\":\"org.ipcbus.sample.renderer\"").matcher(body);
    assertTrue(body, token.find() && renderer.find());
    long receivedBefore = received(body);
    String form = "renderer=" + renderer.group(1) + "&channel=asynchronous-reply&args=%5B%22pong%22%5D";
    Response sent = request("POST", "/send.json", LOGIN, token.group(1), form);
    assertEquals(sent.body(), 200, sent.status());
    assertEquals("{\"result\":\"Sent to WebContents " + renderer.group(1) + " on channel 'asynchronous-reply'\"}", sent.body());
    // Delivered: the sample renderer's received count, as the endpoint shows it, goes up by one.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (received(data().body()) != receivedBefore + 1) {
      assertTrue("the sample renderer received the send", System.nanoTime() < deadline);
      Thread.sleep(100);
    }
    assertEquals(403, request("POST", "/send.json", LOGIN, null, form).status());
    assertEquals(401, request("POST", "/send.json", null, token.group(1), form).status());
  }
}
