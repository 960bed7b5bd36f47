package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.api.IpcMainInterceptor;
import org.ipcbus.api.IpcMainListener;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.runtime.DTOConstants;
import org.ipcbus.api.runtime.FailedServiceDTO;
import org.ipcbus.api.runtime.IpcRuntime;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Sender identity, the channel access policy and interceptors, and trust on main's side (a bundle
 * acts only on what it added; the policy's listen, handle, intercept and main-send rules), through
 * real bundles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecurityIT extends IpcBusTestSupport {

  @Inject
  private IpcRuntime runtime;

  @After
  public void openPolicy() throws Exception {
    BusConfiguration.resetPolicy(context);
  }

  /** Waits until the new policy is in force: SCR reports a configuration before modified ran. */
  private static void awaitRefused(IpcRenderer renderer, String channel) {
    Await.until("the policy refuses '" + channel + "'", () -> {
      try {
        renderer.sendSync(channel);
        return false;
      } catch (IpcAccessDeniedException e) {
        return true;
      }
    });
  }

  @Test
  public void theSenderIsAlwaysTheBundleThatCalled() {
    List<Bundle> senders = Collections.synchronizedList(new ArrayList<>());
    ipcMain.on("sec-who", (event, args) -> {
      senders.add(event.getSender().getBundle());
      event.setReturnValue(event.getSender().getId());
    });
    Bundle alice = bundles.install("alice");
    Bundle bob = bundles.install("bob");
    IpcRenderer aliceRenderer = RendererBundles.rendererOf(alice);
    IpcRenderer bobRenderer = RendererBundles.rendererOf(bob);

    assertEquals(aliceRenderer.getId(), aliceRenderer.sendSync("sec-who"));
    assertEquals(bobRenderer.getId(), bobRenderer.sendSync("sec-who"));
    assertEquals(List.of(alice, bob), senders);
  }

  @Test
  public void aBundleCanOnlyObtainItsOwnRenderer() {
    Bundle alice = bundles.install("alice");
    Bundle bob = bundles.install("bob");
    IpcRenderer aliceRenderer = RendererBundles.rendererOf(alice);

    // Whatever way Bob asks the registry, he gets his own renderer, never Alice's.
    ServiceReference<IpcRenderer> reference = bob.getBundleContext().getServiceReference(IpcRenderer.class);
    IpcRenderer viaGetService = bob.getBundleContext().getService(reference);
    IpcRenderer viaServiceObjects = bob.getBundleContext().getServiceObjects(reference).getService();
    assertSame(viaGetService, viaServiceObjects);
    assertNotSame(aliceRenderer, viaGetService);
    assertNotEquals(aliceRenderer.getId(), viaGetService.getId());
    assertEquals(bob, RendererBundles.mainOf(bob).fromId(viaGetService.getId()).orElseThrow().getBundle());
  }

  @Test
  public void anotherBundlesWebContentsOnlySendsToThatRendererAsMain() throws Exception {
    Bundle alice = bundles.install("alice");
    Bundle bob = bundles.install("bob");
    IpcRenderer aliceRenderer = RendererBundles.rendererOf(alice);
    CompletableFuture<IpcRenderer> aliceGot = new CompletableFuture<>();
    aliceRenderer.on("sec-to-alice", (event, args) -> aliceGot.complete(event.getSender()));
    List<Bundle> mainSaw = Collections.synchronizedList(new ArrayList<>());
    ipcMain.on("sec-to-alice", (event, args) -> mainSaw.add(event.getSender().getBundle()));

    // Bob finds Alice's WebContents through IpcMain, as any bundle may.
    IpcMain bobsMain = RendererBundles.mainOf(bob);
    WebContents alicesContents = bobsMain.fromId(aliceRenderer.getId()).orElseThrow();
    alicesContents.send("sec-to-alice", "from bob");

    // It reached Alice as a message from main, and main never saw a message "from Alice".
    assertSame(aliceRenderer, aliceGot.get(5, TimeUnit.SECONDS));
    ipcRenderer.sendSync("sec-drain");
    assertEquals(List.of(), mainSaw);
  }

  @Test
  public void thePolicyRefusesChannelsToBundlesItDoesNotName() throws Exception {
    List<Object> delivered = Collections.synchronizedList(new ArrayList<>());
    ipcMain.on("admin.reset", (event, args) -> {
      delivered.add(event.getSender().getBundle().getSymbolicName());
      event.setReturnValue("done");
    });
    ipcMain.handle("admin.reset", (event, args) -> "handled");
    Bundle trusted = bundles.install("trusted");
    Bundle other = bundles.install("other");
    BusConfiguration.policy(context, "admin.*=(Bundle-SymbolicName=test.renderer.trusted.*)");
    try {
      IpcRenderer trustedRenderer = RendererBundles.rendererOf(trusted);
      IpcRenderer otherRenderer = RendererBundles.rendererOf(other);
      awaitRefused(otherRenderer, "admin.probe");
      assertEquals("done", trustedRenderer.sendSync("admin.reset"));
      assertEquals("handled", trustedRenderer.invoke("admin.reset").getValue());

      IpcAccessDeniedException denied = assertThrows(IpcAccessDeniedException.class,
          () -> otherRenderer.send("admin.reset"));
      assertEquals("WebContents " + otherRenderer.getId() + " (bundle " + other.getSymbolicName()
          + ") may not send on channel 'admin.reset': the access policy org.ipcbus.policy allows it "
          + "only to (Bundle-SymbolicName=test.renderer.trusted.*)", denied.getMessage());
      assertThrows(IpcAccessDeniedException.class, () -> otherRenderer.sendSync("admin.reset"));
      assertThrows(IpcAccessDeniedException.class, () -> otherRenderer.invoke("admin.reset"));
      assertEquals("a channel no rule names stays open", null, otherRenderer.sendSync("sec-open"));

      assertEquals(List.of(trusted.getSymbolicName()), delivered);
      assertEquals(3, RuntimeState.channel(runtime, "admin.reset").denied);
    } finally {
      ipcMain.removeHandler("admin.reset");
    }
  }

  @Test
  public void anInvalidPolicyRefusesEveryMessageUntilFixed() throws Exception {
    BusConfiguration.policy(context, "admin.*=(Bundle-SymbolicName=unclosed");
    awaitRefused(ipcRenderer, "sec-probe");
    IpcAccessDeniedException denied = assertThrows(IpcAccessDeniedException.class,
        () -> ipcRenderer.sendSync("sec-anything"));
    assertTrue(denied.getMessage(), denied.getMessage().contains("the access policy org.ipcbus.policy is "
        + "invalid (rule 1 'admin.*=(Bundle-SymbolicName=unclosed' has an invalid filter"));
    LogEntries.await(context, "the invalid policy", entry ->
        entry.getMessage().startsWith("Configuration org.ipcbus.policy is invalid"));

    BusConfiguration.resetPolicy(context);
    Await.until("the fixed policy lets messages through", () -> {
      try {
        return ipcRenderer.sendSync("sec-anything") == null;
      } catch (IpcAccessDeniedException e) {
        return false;
      }
    });
  }

  private static Dictionary<String, Object> ranking(int ranking, Object... more) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(Constants.SERVICE_RANKING, ranking);
    for (int i = 0; i < more.length; i += 2) {
      properties.put((String) more[i], more[i + 1]);
    }
    return properties;
  }

  @Test
  public void interceptorsRunByRankingAndMayRejectAnyMessage() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    List<Object> delivered = Collections.synchronizedList(new ArrayList<>());
    ipcMain.on("sec-guarded", (event, args) -> delivered.add(args[0]));
    ipcMain.handle("sec-guarded", (event, args) -> "handled");
    IpcMainInterceptor low = (event, args) -> calls.add("low " + event.getChannel());
    IpcMainInterceptor high = (event, args) -> {
      calls.add("high " + event.getChannel());
      return !"forbidden".equals(args.length > 0 ? args[0] : null);
    };
    ServiceRegistration<IpcMainInterceptor> lowRegistration =
        context.registerService(IpcMainInterceptor.class, low, ranking(1));
    ServiceRegistration<IpcMainInterceptor> highRegistration =
        context.registerService(IpcMainInterceptor.class, high, ranking(10));
    try {
      ipcRenderer.sendSync("sec-guarded", "fine");
      assertEquals(List.of("high sec-guarded", "low sec-guarded"), calls);

      calls.clear();
      IpcAccessDeniedException rejected = assertThrows(IpcAccessDeniedException.class,
          () -> ipcRenderer.sendSync("sec-guarded", "forbidden"));
      assertEquals("Message from WebContents " + ipcRenderer.getId() + " on channel 'sec-guarded' "
          + "rejected by IpcMainInterceptor service " + highRegistration.getReference().getProperty(
              Constants.SERVICE_ID) + " of bundle " + context.getBundle(), rejected.getMessage());
      assertEquals("the first rejection stops the message", List.of("high sec-guarded"), calls);
      Throwable invokeFailure = ipcRenderer.invoke("sec-guarded", "forbidden").getFailure();
      assertTrue(String.valueOf(invokeFailure), invokeFailure instanceof IpcAccessDeniedException);
      ipcRenderer.send("sec-guarded", "forbidden");
      ipcRenderer.send("sec-guarded", "allowed");
      ipcRenderer.sendSync("sec-drain");

      assertEquals(List.of("fine", "allowed"), delivered);
      assertEquals(3, RuntimeState.channel(runtime, "sec-guarded").denied);
    } finally {
      lowRegistration.unregister();
      highRegistration.unregister();
    }
    try {
      assertEquals("unregistered interceptors no longer run", "handled",
          ipcRenderer.invoke("sec-guarded", "forbidden").getValue());
    } finally {
      ipcMain.removeHandler("sec-guarded");
    }
  }

  @Test
  public void anInterceptorThatThrowsRejectsAndOneWithChannelsSeesOnlyThose() throws Exception {
    ServiceRegistration<IpcMainInterceptor> broken = context.registerService(IpcMainInterceptor.class,
        (event, args) -> {
          throw new IllegalStateException("cannot decide");
        }, ranking(0, IpcConstants.CHANNEL, "sec-broken"));
    try {
      IpcAccessDeniedException rejected = assertThrows(IpcAccessDeniedException.class,
          () -> ipcRenderer.sendSync("sec-broken"));
      assertTrue(rejected.getMessage(), rejected.getMessage().endsWith(
          "which threw java.lang.IllegalStateException: cannot decide"));
      assertEquals("other channels are not seen", null, ipcRenderer.sendSync("sec-elsewhere"));
    } finally {
      broken.unregister();
    }
    assertEquals(null, ipcRenderer.sendSync("sec-broken"));
  }

  // ---- trust on main's side: ownership and the receiver rules ----

  private static final String ONLY_ACME = "admin.*=(Bundle-SymbolicName=test.renderer.acme.*)";

  private static Dictionary<String, Object> channel(String channel) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put(IpcConstants.CHANNEL, channel);
    return properties;
  }

  private static long serviceId(ServiceRegistration<?> registration) {
    return (Long) registration.getReference().getProperty(Constants.SERVICE_ID);
  }

  private FailedServiceDTO failed(ServiceRegistration<?> registration) {
    return Arrays.stream(runtime.getRuntimeDTO().failedServices)
        .filter(failed -> failed.serviceId == serviceId(registration)).findFirst()
        .orElseThrow(() -> new AssertionError("service " + serviceId(registration) + " is not listed failed"));
  }

  private boolean listedFailed(ServiceRegistration<?> registration) {
    return Arrays.stream(runtime.getRuntimeDTO().failedServices)
        .anyMatch(failed -> failed.serviceId == serviceId(registration));
  }

  private List<String> denied(String channel) {
    return Arrays.stream(RuntimeState.channel(runtime, channel).deniedRegistrations)
        .map(denied -> denied.role + " " + denied.bundleSymbolicName + " " + denied.bundleId + " "
            + (denied.serviceId < 0 ? "IpcMain" : "service " + denied.serviceId))
        .sorted().toList();
  }

  private long changeCount() {
    return (Long) context.getServiceReference(IpcRuntime.class).getProperty(Constants.SERVICE_CHANGECOUNT);
  }

  @Test
  public void aBundleCannotRemoveAnotherBundlesListeners() {
    Bundle a = bundles.install("vendor-a");
    Bundle b = bundles.install("vendor-b");
    List<Object> heard = Collections.synchronizedList(new ArrayList<>());
    IpcMainListener listener = (event, args) -> heard.add(args[0]);
    RendererBundles.mainOf(a).on("own-news", listener);

    IpcMain bMain = RendererBundles.mainOf(b);
    bMain.removeListener("own-news", listener); // even the very same listener object
    bMain.removeAllListeners("own-news");
    bMain.removeAllListeners();
    ipcMain.removeAllListeners(); // the test probe is another bundle too

    ipcRenderer.send("own-news", 1);
    ipcRenderer.sendSync("own-news", 2);
    assertEquals(List.of(1, 2), heard);
  }

  @Test
  public void aBundleCannotRemoveOrTakeOverAnotherBundlesHandler() throws Exception {
    Bundle a = bundles.install("vendor-a");
    Bundle b = bundles.install("vendor-b");
    RendererBundles.mainOf(a).handle("own-answer", (event, args) -> "from a");
    IpcMain bMain = RendererBundles.mainOf(b);

    IllegalStateException removal = assertThrows(IllegalStateException.class,
        () -> bMain.removeHandler("own-answer"));
    assertEquals("The handler of channel 'own-answer' belongs to bundle " + a.getSymbolicName() + " ("
        + a.getBundleId() + "): bundle " + b.getSymbolicName() + " (" + b.getBundleId()
        + ") cannot remove it", removal.getMessage());
    IllegalStateException takeOver = assertThrows(IllegalStateException.class,
        () -> bMain.handle("own-answer", (event, args) -> "from b"));
    assertEquals("Attempted to register a second handler for 'own-answer'", takeOver.getMessage());

    assertEquals("every renderer still reaches A's handler", "from a",
        ipcRenderer.invoke("own-answer").getValue());
    assertEquals("from a", RendererBundles.rendererOf(bundles.install("asker")).invoke("own-answer").getValue());
  }

  @Test
  public void aListenPolicyKeepsOtherBundlesOffItsChannelsAndAnUpdateRewiresWithoutRestart() throws Exception {
    Bundle acme = bundles.install("acme");
    Bundle other = bundles.install("other");
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    RendererBundles.mainOf(acme).on("admin.x", (event, args) -> heard.add("acme"));
    ServiceRegistration<IpcMainListener> service = other.getBundleContext().registerService(
        IpcMainListener.class, (event, args) -> heard.add("other's service"), channel("admin.x"));
    BusConfiguration.policyOfRoles(context, Map.of("listen.rules", new String[] {ONLY_ACME}));

    IpcAccessDeniedException refused = assertThrows(IpcAccessDeniedException.class,
        () -> RendererBundles.mainOf(other).on("admin.x", (event, args) -> heard.add("other")));
    assertEquals("Bundle " + other.getSymbolicName() + " (" + other.getBundleId() + ") may not listen on "
        + "channel 'admin.x': the access policy org.ipcbus.policy allows it only to bundles matching "
        + "listen.rules '" + ONLY_ACME + "'", refused.getMessage());
    FailedServiceDTO failed = failed(service);
    assertEquals(DTOConstants.FAILURE_REASON_ACCESS_DENIED, failed.failureReason);
    assertEquals(other.getBundleId(), failed.bundleId);
    assertEquals(List.of("admin.x"), List.of(failed.channels));
    assertEquals(List.of("listen " + other.getSymbolicName() + " " + other.getBundleId() + " service "
        + serviceId(service)), denied("admin.x"));

    IpcRenderer renderer = RendererBundles.rendererOf(bundles.install("sender"));
    renderer.send("admin.x");
    ipcRenderer.sendSync("admin.x");
    assertEquals("the refused service is never called", List.of("acme", "acme"), heard);

    // An update that allows it wires it in, without a restart.
    BusConfiguration.policyOfRoles(context, Map.of("listen.rules",
        new String[] {ONLY_ACME, "admin.*=(Bundle-SymbolicName=test.renderer.other.*)"}));
    assertTrue(!listedFailed(service));
    heard.clear();
    renderer.sendSync("admin.x");
    assertEquals(List.of("acme", "other's service"), heard);

    // An update that forbids it unwires it: nothing sent after the update returned reaches it.
    long before = changeCount();
    BusConfiguration.policyOfRoles(context, Map.of("listen.rules",
        new String[] {"admin.*=(Bundle-SymbolicName=test.renderer.nobody)"}));
    assertTrue(changeCount() > before);
    heard.clear();
    renderer.send("admin.x");
    renderer.sendSync("admin.x");
    assertEquals(List.of(), heard);
    assertEquals(DTOConstants.FAILURE_REASON_ACCESS_DENIED, failed(service).failureReason);
    assertEquals("acme's IpcMain listener is suspended, the service unwired", List.of(
        "listen " + acme.getSymbolicName() + " " + acme.getBundleId() + " IpcMain",
        "listen " + other.getSymbolicName() + " " + other.getBundleId() + " service " + serviceId(service)),
        denied("admin.x"));

    BusConfiguration.resetPolicy(context);
    renderer.sendSync("admin.x");
    assertEquals("both back in their places", List.of("acme", "other's service"), heard);
    service.unregister();
  }

  @Test
  public void aHandlePolicyLetsOnlyTheBundlesItNamesAnswerInvoke() throws Exception {
    Bundle acme = bundles.install("acme");
    Bundle other = bundles.install("other");
    BusConfiguration.policyOfRoles(context, Map.of("handle.rules", new String[] {ONLY_ACME}));
    ServiceRegistration<IpcMainHandler> service = other.getBundleContext().registerService(
        IpcMainHandler.class, (event, args) -> "other's service", channel("admin.answer"));
    try {
      IpcAccessDeniedException refused = assertThrows(IpcAccessDeniedException.class,
          () -> RendererBundles.mainOf(other).handle("admin.answer", (event, args) -> "other"));
      assertTrue(refused.getMessage(), refused.getMessage().startsWith("Bundle " + other.getSymbolicName()
          + " (" + other.getBundleId() + ") may not handle channel 'admin.answer': "));
      assertEquals(DTOConstants.FAILURE_REASON_ACCESS_DENIED, failed(service).failureReason);
      assertEquals("No handler registered for 'admin.answer'",
          ipcRenderer.invoke("admin.answer").getFailure().getMessage());

      RendererBundles.mainOf(acme).handle("admin.answer", (event, args) -> "acme");
      assertEquals("acme", ipcRenderer.invoke("admin.answer").getValue());
    } finally {
      service.unregister();
    }
  }

  @Test
  public void anInterceptPolicyKeepsOtherBundlesInterceptorsOffItsChannels() throws Exception {
    Bundle acme = bundles.install("acme");
    Bundle other = bundles.install("other");
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    ServiceRegistration<IpcMainInterceptor> acmeInterceptor = acme.getBundleContext().registerService(
        IpcMainInterceptor.class, (event, args) -> seen.add("acme " + event.getChannel()), ranking(2));
    ServiceRegistration<IpcMainInterceptor> otherInterceptor = other.getBundleContext().registerService(
        IpcMainInterceptor.class, (event, args) -> seen.add("other " + event.getChannel()), ranking(1));
    ServiceRegistration<IpcMainInterceptor> otherNamed = other.getBundleContext().registerService(
        IpcMainInterceptor.class, (event, args) -> seen.add("other named " + event.getChannel()),
        ranking(0, IpcConstants.CHANNEL, "admin.x"));
    try {
      BusConfiguration.policyOfRoles(context, Map.of("intercept.rules", new String[] {ONLY_ACME}));
      ipcRenderer.sendSync("admin.x");
      ipcRenderer.sendSync("sec-open");
      assertEquals(List.of("acme admin.x", "acme sec-open", "other sec-open"), seen);
      FailedServiceDTO failed = failed(otherNamed);
      assertEquals(DTOConstants.FAILURE_REASON_ACCESS_DENIED, failed.failureReason);
      assertEquals(List.of("admin.x"), List.of(failed.channels));
      assertEquals(List.of(
          "intercept " + other.getSymbolicName() + " " + other.getBundleId() + " service " + serviceId(otherInterceptor),
          "intercept " + other.getSymbolicName() + " " + other.getBundleId() + " service " + serviceId(otherNamed)),
          denied("admin.x"));
    } finally {
      acmeInterceptor.unregister();
      otherInterceptor.unregister();
      otherNamed.unregister();
    }
  }

  @Test
  public void aMainSendPolicyLetsOnlyTheBundlesItNamesSendToRenderersAsMain() throws Exception {
    Bundle acme = bundles.install("acme");
    Bundle other = bundles.install("other");
    List<Object> received = Collections.synchronizedList(new ArrayList<>());
    ipcRenderer.on("admin.push", (event, args) -> received.add(args[0]));
    List<Object> otherFailures = Collections.synchronizedList(new ArrayList<>());
    RendererBundles.mainOf(other).on("sec-ask", (event, args) -> {
      otherFailures.add(failureClass(() -> event.reply("admin.push", "other's reply")));
      otherFailures.add(failureClass(() -> event.getSender().send("admin.push", "other's send")));
    });
    RendererBundles.mainOf(acme).on("sec-ask", (event, args) -> event.reply("admin.push", "acme's reply"));
    BusConfiguration.policyOfRoles(context, Map.of("main.send.rules", new String[] {ONLY_ACME}));

    WebContents held = RendererBundles.mainOf(other).fromId(ipcRenderer.getId()).orElseThrow();
    IpcAccessDeniedException refused = assertThrows(IpcAccessDeniedException.class,
        () -> held.send("admin.push", "other's"));
    assertEquals("Bundle " + other.getSymbolicName() + " (" + other.getBundleId() + ") may not send to "
        + "WebContents " + ipcRenderer.getId() + " as main on channel 'admin.push': the access policy "
        + "org.ipcbus.policy allows it only to bundles matching main.send.rules '" + ONLY_ACME + "'",
        refused.getMessage());
    RendererBundles.mainOf(acme).fromId(ipcRenderer.getId()).orElseThrow().send("admin.push", "acme's");
    ipcRenderer.sendSync("sec-ask");
    Await.until("acme's two messages arrived", () -> received.size() >= 2);
    assertEquals(List.of(IpcAccessDeniedException.class, IpcAccessDeniedException.class), otherFailures);
    ipcRenderer.sendSync("sec-drain");
    assertEquals(List.of("acme's", "acme's reply"), received);
  }

  private static Class<?> failureClass(Runnable action) {
    try {
      action.run();
      return null;
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }
}
