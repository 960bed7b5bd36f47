package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.MessageChannelMain;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/** The Gogo commands of scope ipc, run through a real Gogo command session. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends IpcBusTestSupport {

  @Inject
  private CommandProcessor processor;

  private CommandSession session;

  @Override
  @Configuration
  public Option[] config() {
    return options(composite(IpcBusOptions.ipcbus()),
        mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime").versionAsInProject());
  }

  @Before
  public void openSession() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream());
    session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
  }

  @After
  public void closeSession() {
    session.close();
  }

  private String run(String command) throws Exception {
    Object result = session.execute(command);
    return String.valueOf(result);
  }

  private static Dictionary<String, Object> channel(Object channels) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(IpcConstants.CHANNEL, channels);
    return properties;
  }

  private static List<String> lines(String output) {
    return List.of(output.split("\n"));
  }

  private static String lineStarting(String output, String start) {
    return lines(output).stream().filter(line -> line.startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starts with '" + start + "' in:\n" + output));
  }

  @Test
  public void channelsListsListenersHandlersAndFailedServices() throws Exception {
    Bundle owner = bundles.install("shell-listener");
    ServiceRegistration<IpcMainListener> listener = owner.getBundleContext().registerService(
        IpcMainListener.class, (event, args) -> { }, channel("sh-listened"));
    ServiceRegistration<IpcMainListener> invalid = context.registerService(IpcMainListener.class,
        (event, args) -> { }, channel(7));
    ipcMain.handle("sh-handled", (event, args) -> null);
    try {
      String output = run("ipc:channels");
      assertTrue(output, lines(output).get(0).matches("CHANNEL +LISTENERS +HANDLER +MESSAGES +ERRORS"));
      assertTrue(output, lineStarting(output, "sh-listened ").matches("sh-listened +service "
          + listener.getReference().getProperty(Constants.SERVICE_ID) + " of bundle "
          + owner.getBundleId() + " +- +0 +0"));
      assertTrue(output, lineStarting(output, "sh-handled ").matches("sh-handled +- +bundle "
          + context.getBundle().getBundleId() + " +0 +0"));
      assertTrue(output, output.contains("\nFailed whiteboard services:\n"));
      assertTrue(output, lineStarting(output, invalid.getReference().getProperty(Constants.SERVICE_ID) + " ")
          .matches("\\d+ +" + context.getBundle().getBundleId()
              + " +IpcMainListener +- +invalid ipc.channel: ipc.channel must be a String or String\\[\\], was java.lang.Integer"));
    } finally {
      listener.unregister();
      invalid.unregister();
      ipcMain.removeHandler("sh-handled");
    }
  }

  @Test
  public void renderersListsEachRendererWithItsCounts() throws Exception {
    Bundle bundle = bundles.install("shell-renderer");
    IpcRenderer renderer = RendererBundles.rendererOf(bundle);
    renderer.on("sh-news", (event, args) -> { });
    renderer.sendSync("sh-count");
    String output = run("ipc:renderers");
    assertTrue(output, lines(output).get(0).matches(
        "ID +BUNDLE +SYMBOLIC NAME +PROCESS +CREATED +SENT +RECEIVED +PENDING SYNC +PENDING INVOKE +LISTENS ON"));
    assertTrue(output, lineStarting(output, renderer.getId() + " ").matches(renderer.getId() + " +"
        + bundle.getBundleId() + " +" + bundle.getSymbolicName().replace(".", "\\.") + " +main"
        + " +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +1 +0 +0 +0 +sh-news"));
  }

  @Test
  public void statsCountsMessagesErrorsAndTheLastError() throws Exception {
    ipcMain.on("sh-stats", (event, args) -> {
      throw new IllegalArgumentException("no thanks");
    });
    ipcRenderer.send("sh-stats");
    ipcRenderer.send("sh-stats");
    ipcRenderer.sendSync("sh-drain");
    String output = run("ipc:stats");
    assertTrue(output, lines(output).get(0).matches("CHANNEL +MESSAGES +ERRORS +SLOW +LAST ERROR"));
    assertTrue(output, lineStarting(output, "sh-stats ").matches(
        "sh-stats +2 +2 +0 +java.lang.IllegalArgumentException: no thanks"));
    assertTrue(output, lineStarting(output, "sh-drain ").matches("sh-drain +1 +0 +0 +-"));
  }

  @Test
  public void sendDeliversJsonArgumentsToTheRenderer() throws Exception {
    Bundle bundle = bundles.install("shell-target");
    IpcRenderer renderer = RendererBundles.rendererOf(bundle);
    CompletableFuture<Object[]> received = new CompletableFuture<>();
    renderer.on("sh-push", (event, args) -> received.complete(args));

    String output = run("ipc:send " + renderer.getId() + " sh-push '[\"hi\", 2, {\"k\": [true, null]}]'");
    assertEquals("Sent to WebContents " + renderer.getId() + " on channel 'sh-push'", output);
    Object[] args = received.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("hi", 2L, Map.of("k", Arrays.asList(true, null))), List.of(args));
  }

  @Test
  public void sendToAnUnknownRendererSaysSo() {
    Exception e = assertThrows(Exception.class, () -> run("ipc:send 99999 sh-x '[]'"));
    assertEquals("No renderer with WebContents id 99999; ipc:renderers lists them", e.getMessage());
  }

  @Test
  public void invokePrintsTheReplyAsJson() throws Exception {
    ipcMain.handle("sh-add", (event, args) -> Map.of("sum", (Long) args[0] + (Long) args[1],
        "from", event.getSender().getBundle().getSymbolicName()));
    try {
      String output = run("ipc:invoke sh-add '[2, 3]'");
      // The reply is a cloned map: its key order is not kept.
      assertTrue(output, output.equals("{\"sum\":5,\"from\":\"org.ipcbus.impl\"}")
          || output.equals("{\"from\":\"org.ipcbus.impl\",\"sum\":5}"));
    } finally {
      ipcMain.removeHandler("sh-add");
    }
  }

  @Test
  public void invokeOfAChannelWithoutHandlerFailsWithTheRemoteMessage() {
    Exception e = assertThrows(Exception.class, () -> run("ipc:invoke sh-unhandled"));
    assertEquals("No handler registered for 'sh-unhandled'", e.getMessage());
  }

  @Test
  public void argumentsThatAreNotAJsonArrayAreRefused() {
    Exception e = assertThrows(Exception.class, () -> run("ipc:invoke sh-x '{\"a\": 1}'"));
    assertEquals("json-args must be a JSON array of the arguments, for example '[\"ping\", 1]', was: {\"a\": 1}",
        e.getMessage());
  }

  @Test
  public void policyPrintsEachRolesRulesAndTheBundlesTheyAllowAndChannelsShowsWhatTheyRefuse() throws Exception {
    Bundle acme = bundles.install("acme");
    Bundle other = bundles.install("other");
    RendererBundles.mainOf(acme); // holding IpcMain makes a bundle known
    ServiceRegistration<IpcMainListener> refused = other.getBundleContext().registerService(
        IpcMainListener.class, (event, args) -> { }, channel("admin.x"));
    String onlyAcme = "admin.*=(Bundle-SymbolicName=test.renderer.acme.*)";
    BusConfiguration.policyOfRoles(context, Map.of("listen.rules", new String[] {onlyAcme},
        "handle.rules", new String[] {"broken"}));
    try {
      String output = run("ipc:policy");
      assertTrue(output, lines(output).get(0).matches("ROLE +PROPERTY +RULE +ALLOWS NOW"));
      assertTrue(output, lineStarting(output, "send ").matches("send +rules +- +all, on every channel"));
      assertTrue(output, lineStarting(output, "listen ").matches("listen +listen\\.rules +"
          + Pattern.quote(onlyAcme) + " +" + Pattern.quote(
              acme.getSymbolicName() + " (" + acme.getBundleId() + ")")));
      assertTrue(output, lineStarting(output, "handle ").matches("handle +handle\\.rules +invalid: rule 1 of "
          + "handle\\.rules 'broken' is not <channel glob>=<LDAP filter> +none: the role refuses everything"));
      assertTrue(output, lineStarting(output, "Bundles ipcbus knows now: ").contains(
          other.getSymbolicName() + " (" + other.getBundleId() + ")"));

      String channels = run("ipc:channels");
      String section = channels.substring(channels.indexOf("\nRefused by the access policy:\n") + 1);
      assertTrue(channels, lines(section).get(1).matches("CHANNEL +ROLE +BUNDLE +SERVICE +REASON"));
      assertTrue(channels, lines(section).get(2).matches("admin\\.x +listen +"
          + Pattern.quote(other.getSymbolicName() + " (" + other.getBundleId() + ")") + " +"
          + refused.getReference().getProperty(Constants.SERVICE_ID) + " +the access policy org\\.ipcbus\\.policy "
          + "allows it only to bundles matching listen\\.rules .*"));
      assertTrue(channels, lineStarting(channels, refused.getReference().getProperty(Constants.SERVICE_ID) + " ")
          .matches(".* +IpcMainListener +admin\\.x +access denied: the access policy .*"));
    } finally {
      refused.unregister();
      BusConfiguration.resetPolicy(context);
    }
  }

  @Test
  public void portsListsOpenPortsAndChannelsListsScopedListeners() throws Exception {
    Bundle bundle = bundles.install("shell-ports");
    IpcRenderer renderer = RendererBundles.rendererOf(bundle);
    MessageChannelMain channel = ipcMain.newMessageChannel();
    ipcMain.fromId(renderer.getId()).orElseThrow().postMessage("sh-port", null, channel.getPort1());
    ipcMain.fromId(renderer.getId()).orElseThrow().ipc().on("sh-scoped", (event, args) -> { });
    String output = run("ipc:ports");
    assertTrue(output, lines(output).get(0).matches("CHANNEL +PORT +HELD BY +STARTED +QUEUED"));
    assertTrue(output, output.contains("port2") && output.contains("main ("));
    String channels = run("ipc:channels");
    assertTrue(channels, channels.contains("Scoped to one renderer (webContents.ipc)"));
    assertTrue(channels, lineStarting(channels, renderer.getId() + " ").matches(renderer.getId() + " +sh-scoped +.*"));
    channel.getPort2().close();
  }
}
