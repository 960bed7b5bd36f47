package org.ipcbus.itests;

import static org.ipcbus.itests.ConsoleClient.map;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.runtime.IpcRuntime;
import org.ipcbus.api.runtime.RendererDTO;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openqa.selenium.json.Json;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * The tab IPC of the real Felix Web Console on Felix HTTP Jetty, through a plain HTTP client: its
 * JSON endpoint shows the seed, and its actions work only with the console's login, the token, and
 * from the console's own origin.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleHttpIT extends IpcBusTestSupport {

  @Inject
  private IpcRuntime runtime;

  private final ConsoleClient console = new ConsoleClient();

  @Override
  @Configuration
  public Option[] config() {
    // Selenium's JSON reader parses data.json; nothing else of Selenium runs here.
    return ConsoleOptions.console("org.openqa.selenium.json");
  }

  @Before
  public void awaitConsole() {
    console.awaitUp();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return new Json().toType(text, Json.MAP_TYPE);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> data() throws Exception {
    HttpResponse<String> response = console.get("/data.json", true);
    assertEquals(response.body(), 200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return json(response.body());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> find(Map<String, Object> data, String list, String key, Object value) {
    return ((List<Map<String, Object>>) data.get(list)).stream()
        .filter(item -> String.valueOf(value).equals(String.valueOf(item.get(key)))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " " + value + " in " + list + " of " + data));
  }

  private long probeRendererId() {
    long probe = context.getBundle().getBundleId();
    return Arrays.stream(runtime.getRuntimeDTO().renderers).filter(r -> r.bundleId == probe)
        .mapToLong(r -> r.id).findFirst().orElseThrow();
  }

  private long received(long rendererId) {
    return Arrays.stream(runtime.getRuntimeDTO().renderers).filter(r -> r.id == rendererId)
        .mapToLong(r -> r.messagesReceived).findFirst().orElseThrow();
  }

  @Test
  public void dataJsonShowsTheSampleRendererBothSeedChannelsTheSettingsAndThePolicy() throws Exception {
    Map<String, Object> data = data();
    RendererDTO sample = Arrays.stream(runtime.getRuntimeDTO().renderers)
        .filter(r -> r.bundleSymbolicName.equals("org.ipcbus.sample.renderer")).findFirst().orElseThrow();
    Map<String, Object> renderer = find(data, "renderers", "id", sample.id);
    assertEquals("org.ipcbus.sample.renderer", renderer.get("bundleSymbolicName"));
    assertEquals(2L, ((Number) renderer.get("messagesSent")).longValue());
    assertEquals(List.of("asynchronous-reply"), renderer.get("channels"));
    for (String channel : new String[] {"asynchronous-message", "synchronous-message"}) {
      Map<String, Object> seed = find(data, "channels", "name", channel);
      assertEquals(channel, 1L, ((Number) seed.get("messages")).longValue());
      assertEquals(channel, 0L, ((Number) seed.get("errors")).longValue());
      assertEquals(channel, 1, ((List<?>) seed.get("listeners")).size());
    }
    assertEquals(30000L, ((Number) ((Map<?, ?>) data.get("settings")).get("sync.timeout.ms")).longValue());
    assertEquals("allow all", ((Map<?, ?>) data.get("policy")).get("send"));
    assertNotNull(data.get("token"));
    assertEquals(List.of(), data.get("processes"));
  }

  @Test
  public void aFailedWhiteboardServiceIsListedWithItsReason() throws Exception {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(IpcConstants.CHANNEL, 42);
    ServiceRegistration<IpcMainListener> bad = context.registerService(IpcMainListener.class, (event, args) -> {}, properties);
    try {
      long serviceId = (Long) bad.getReference().getProperty("service.id");
      Map<String, Object> failed = find(data(), "failedServices", "serviceId", serviceId);
      assertEquals("invalid ipc.channel", failed.get("failureReasonName"));
      assertEquals("org.ipcbus.api.IpcMainListener", failed.get("serviceType"));
      assertTrue(failed.toString(), String.valueOf(failed.get("failureMessage")).contains("java.lang.Integer"));
    } finally {
      bad.unregister();
    }
  }

  @Test
  public void aSendWithLoginAndTokenArrivesAtTheRenderer() throws Exception {
    CompletableFuture<Object> arrived = new CompletableFuture<>();
    ipcRenderer.on("console-http", (event, args) -> arrived.complete(Arrays.asList(args)));
    long id = probeRendererId();
    HttpResponse<String> response = console.post("/send.json", true, map("X-Ipcbus-Token", console.token()),
        map("renderer", String.valueOf(id), "channel", "console-http", "args", "[\"pong\", 1, {\"a\": true}]"));
    assertEquals(response.body(), 200, response.statusCode());
    assertEquals("Sent to WebContents " + id + " on channel 'console-http'", json(response.body()).get("result"));
    assertEquals(List.of("pong", 1L, Map.of("a", true)), arrived.get(10, TimeUnit.SECONDS));
  }

  @Test
  public void anInvokeAnswersWithTheHandlersReplyOrItsError() throws Exception {
    ipcMain.handle("console-sum", (event, args) -> ((Number) args[0]).longValue() + ((Number) args[1]).longValue());
    try {
      HttpResponse<String> sum = console.post("/invoke.json", true, map("X-Ipcbus-Token", console.token()),
          map("channel", "console-sum", "args", "[40, 2]"));
      assertEquals(sum.body(), 200, sum.statusCode());
      assertEquals("42", json(sum.body()).get("result"));
    } finally {
      ipcMain.removeHandler("console-sum");
    }
    HttpResponse<String> none = console.post("/invoke.json", true, map("X-Ipcbus-Token", console.token()),
        map("channel", "console-nothing"));
    assertEquals(none.body(), 502, none.statusCode());
    assertEquals("IpcException: No handler registered for 'console-nothing'", json(none.body()).get("error"));
  }

  @Test
  public void badJsonIsRefusedNamingTheArgumentAndChangesNothing() throws Exception {
    long id = probeRendererId();
    ipcRenderer.on("console-bad", (event, args) -> {
      throw new AssertionError("a refused send arrived");
    });
    long before = received(id);
    String token = console.token();
    for (String[] bad : new String[][] {
        {"[\"pong\"", "args is not valid JSON"},
        {"{\"a\": 1}", "args must be a JSON array of the arguments"}}) {
      HttpResponse<String> response = console.post("/send.json", true, map("X-Ipcbus-Token", token),
          map("renderer", String.valueOf(id), "channel", "console-bad", "args", bad[0]));
      assertEquals(response.body(), 400, response.statusCode());
      assertTrue(response.body(), String.valueOf(json(response.body()).get("error")).startsWith(bad[1]));
    }
    HttpResponse<String> notANumber = console.post("/send.json", true, map("X-Ipcbus-Token", token),
        map("renderer", "one", "channel", "console-bad"));
    assertEquals(notANumber.body(), 400, notANumber.statusCode());
    assertEquals("renderer must be a WebContents id (a whole number), was: one", json(notANumber.body()).get("error"));
    Thread.sleep(200); // a wrongly sent message would have arrived by now
    assertEquals(before, received(id));
  }

  @Test
  public void anUnknownRendererIsNotFound() throws Exception {
    HttpResponse<String> response = console.post("/send.json", true, map("X-Ipcbus-Token", console.token()),
        map("renderer", "987654", "channel", "console-x"));
    assertEquals(response.body(), 404, response.statusCode());
    assertEquals("No renderer with WebContents id 987654; the table Renderers lists them", json(response.body()).get("error"));
  }

  @Test
  public void anActionWithoutTheConsolesLoginIsRefused() throws Exception {
    ipcRenderer.on("console-nologin", (event, args) -> {
      throw new AssertionError("a send without login arrived");
    });
    long id = probeRendererId();
    long before = received(id);
    HttpResponse<String> response = console.post("/send.json", false, map("X-Ipcbus-Token", console.token()),
        map("renderer", String.valueOf(id), "channel", "console-nologin"));
    assertEquals(401, response.statusCode());
    assertEquals(401, console.get("/data.json", false).statusCode());
    assertEquals(401, console.get("", false).statusCode());
    Thread.sleep(200);
    assertEquals(before, received(id));
  }

  @Test
  public void aCrossSiteActionIsRefusedEvenWithTheLogin() throws Exception {
    ipcRenderer.on("console-csrf", (event, args) -> {
      throw new AssertionError("a cross-site send arrived");
    });
    long id = probeRendererId();
    long before = received(id);
    String token = console.token();
    Map<String, String> form = map("renderer", String.valueOf(id), "channel", "console-csrf");
    // What another site's page makes a logged-in browser send: its Origin, or Sec-Fetch-Site, and no token.
    HttpResponse<String> otherOrigin = console.post("/send.json", true, map("Origin", "http://evil.example"), form);
    assertEquals(otherOrigin.body(), 403, otherOrigin.statusCode());
    assertTrue(otherOrigin.body(), otherOrigin.body().contains("Origin http:"));
    HttpResponse<String> otherOriginWithToken = console.post("/send.json", true,
        map("Origin", "http://evil.example", "X-Ipcbus-Token", token), form);
    assertEquals(otherOriginWithToken.body(), 403, otherOriginWithToken.statusCode());
    HttpResponse<String> crossSite = console.post("/send.json", true,
        map("Sec-Fetch-Site", "cross-site", "X-Ipcbus-Token", token), form);
    assertEquals(crossSite.body(), 403, crossSite.statusCode());
    assertTrue(crossSite.body(), crossSite.body().contains("Sec-Fetch-Site"));
    HttpResponse<String> noToken = console.post("/send.json", true, map("Origin", console.origin()), form);
    assertEquals(noToken.body(), 403, noToken.statusCode());
    assertTrue(noToken.body(), noToken.body().contains("Missing header X-Ipcbus-Token"));
    HttpResponse<String> wrongToken = console.post("/send.json", true, map("X-Ipcbus-Token", token + "x"), form);
    assertEquals(wrongToken.body(), 403, wrongToken.statusCode());
    Thread.sleep(200);
    assertEquals(before, received(id));
  }

  @Test
  public void whatTheAccessPolicyRefusesIsForbiddenAndThePolicyInForceIsShown() throws Exception {
    String rule = "console-admin.*=(Bundle-SymbolicName=com.acme.*)";
    BusConfiguration.policyOfRoles(context, Map.of("rules", new String[] {rule}, "main.send.rules", new String[] {rule}));
    try {
      assertEquals(rule, ((Map<?, ?>) data().get("policy")).get("main.send"));
      assertEquals(rule, ((Map<?, ?>) data().get("policy")).get("send"));
      String token = console.token();
      HttpResponse<String> send = console.post("/send.json", true, map("X-Ipcbus-Token", token),
          map("renderer", String.valueOf(probeRendererId()), "channel", "console-admin.x"));
      assertEquals(send.body(), 403, send.statusCode());
      assertTrue(send.body(), String.valueOf(json(send.body()).get("error"))
          .matches("IpcAccessDeniedException: .*org\\.ipcbus\\.webconsole.* may not send to WebContents \\d+ as main on channel 'console-admin.x'.*"));
      HttpResponse<String> invoke = console.post("/invoke.json", true, map("X-Ipcbus-Token", token),
          map("channel", "console-admin.y"));
      assertEquals(invoke.body(), 403, invoke.statusCode());
      assertTrue(invoke.body(), String.valueOf(json(invoke.body()).get("error")).startsWith("IpcAccessDeniedException: "));
    } finally {
      BusConfiguration.resetPolicy(context);
    }
  }

  @Test
  public void anActionIsPostOnly() throws Exception {
    for (String action : new String[] {"/send.json", "/invoke.json"}) {
      HttpResponse<String> response = console.get(action, true);
      assertEquals(response.body(), 405, response.statusCode());
      assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
    }
  }

  @Test
  public void thePageIsServedInsideTheConsoleWithItsScriptAndStyle() throws Exception {
    HttpResponse<String> page = console.get("", true);
    assertEquals(200, page.statusCode());
    assertTrue(page.body(), page.body().contains("Apache Felix Web Console - IPC"));
    assertTrue(page.body(), page.body().contains("<table id=\"ipc-channels\""));
    assertTrue(page.body(), page.body().contains("src=\"/system/console/ipc/ipc.js\""));
    assertTrue(console.get("/ipc.js", true).body().contains("X-Ipcbus-Token"));
    assertTrue(console.get("/ipc.css", true).body().contains("prefers-color-scheme: dark"));
  }
}
