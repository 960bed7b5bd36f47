package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcRemoteException;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;
import org.ipcbus.api.WebContentsListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/** The access policy's rules for main's side: listen, handle, intercept and send as main. */
class MainPolicyTest {

  private final RecordingLog log = new RecordingLog();
  private final Bus bus = new Bus(BusConfig.of(2_000, 2_000, 1_000), log);
  private final MainClient acme = new MainClient(bus, TestBundles.named("com.acme.admin"));
  private final MainClient other = new MainClient(bus, TestBundles.named("com.other"));
  private final Renderer renderer = bus.renderers().acquire(TestBundles.named("renderer"));
  private final IpcRenderer client = renderer.client();
  private final List<Object> calls = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    bus.close();
  }

  private static RoleRules rules(String glob, String filter) throws InvalidSyntaxException {
    return RoleRules.of(List.of(new AccessPolicy.Rule(glob, FrameworkUtil.createFilter(filter))));
  }

  private void onlyAcme(Role role) throws InvalidSyntaxException {
    bus.accessPolicy(AccessPolicy.of(Map.of(role, rules("admin.*", "(Bundle-SymbolicName=com.acme.*)"))));
  }

  @Test
  void aRefusedListenerThrowsNamingBundleChannelAndRule() throws Exception {
    onlyAcme(Role.LISTEN);
    IpcAccessDeniedException refused = assertThrows(IpcAccessDeniedException.class,
        () -> other.on("admin.x", (event, args) -> calls.add("other")));
    assertEquals("Bundle com.other (" + other.bundle().getBundleId() + ") may not listen on channel "
        + "'admin.x': the access policy org.ipcbus.policy allows it only to bundles matching "
        + "listen.rules 'admin.*=(Bundle-SymbolicName=com.acme.*)'", refused.getMessage());
    assertThrows(IpcAccessDeniedException.class, () -> other.once("admin.x", (event, args) -> { }));
    acme.on("admin.x", (event, args) -> calls.add("acme"));
    other.on("status", (event, args) -> calls.add("status")); // a channel no rule names stays open
    client.sendSync("admin.x");
    client.sendSync("status");
    assertEquals(List.of("acme", "status"), calls);
  }

  @Test
  void aRefusedHandlerThrowsAndTheChannelStaysFree() throws Exception {
    onlyAcme(Role.HANDLE);
    IpcAccessDeniedException refused = assertThrows(IpcAccessDeniedException.class,
        () -> other.handle("admin.x", (event, args) -> "other"));
    assertTrue(refused.getMessage().startsWith("Bundle com.other (" + other.bundle().getBundleId()
        + ") may not handle channel 'admin.x': "), refused.getMessage());
    assertThrows(IpcAccessDeniedException.class, () -> other.handleOnce("admin.x", (event, args) -> "other"));
    acme.handle("admin.x", (event, args) -> "acme");
    assertEquals("acme", client.invoke("admin.x").getValue());
  }

  @Test
  void aPolicyChangeSuspendsAListenerInPlaceAndAnotherRestoresIt() throws Exception {
    other.on("admin.x", (event, args) -> calls.add("first"));
    acme.on("admin.x", (event, args) -> calls.add("acme"));
    other.on("admin.x", (event, args) -> calls.add("last"));
    other.once("admin.x", (event, args) -> calls.add("once"));
    onlyAcme(Role.LISTEN);
    client.sendSync("admin.x");
    assertEquals(List.of("acme"), calls, "suspended: not called, and the once listener not used up");
    assertEquals(4, bus.mainListeners().get("admin.x").length, "still registered");

    bus.accessPolicy(AccessPolicy.ALLOW_ALL);
    calls.clear();
    client.sendSync("admin.x");
    client.sendSync("admin.x");
    assertEquals(List.of("first", "acme", "last", "once", "first", "acme", "last"), calls,
        "restored in their places");
  }

  @Test
  void noDeliveryStartsAfterThePolicyThatSuspendsAListenerReturns() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    other.on("admin.slow", (event, args) -> {
      calls.add(args[0]);
      running.countDown();
      release.await(5, TimeUnit.SECONDS);
    });
    client.send("admin.slow", 1);
    assertTrue(running.await(5, TimeUnit.SECONDS));
    CompletableFuture<Void> applied = CompletableFuture.runAsync(() -> {
      try {
        onlyAcme(Role.LISTEN);
      } catch (InvalidSyntaxException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    assertTrue(!applied.isDone(), "the policy waits for the delivery that is running");
    release.countDown();
    applied.get(5, TimeUnit.SECONDS);
    client.send("admin.slow", 2);
    client.sendSync("drain");
    assertEquals(List.of(1), calls);
  }

  @Test
  void aSuspendedHandlerAnswersNothingAndGivesWayToAnAllowedOne() throws Exception {
    other.handle("admin.x", (event, args) -> "other");
    onlyAcme(Role.HANDLE);
    assertEquals("No handler registered for 'admin.x'", client.invoke("admin.x").getFailure().getMessage());
    bus.accessPolicy(AccessPolicy.ALLOW_ALL);
    assertEquals("other", client.invoke("admin.x").getValue(), "restored");

    onlyAcme(Role.HANDLE);
    acme.handle("admin.x", (event, args) -> "acme");
    assertEquals("acme", client.invoke("admin.x").getValue());
    assertTrue(log.warnings.stream().anyMatch(warning -> warning.contains("gave way for good")), log.warnings.toString());
    bus.accessPolicy(AccessPolicy.ALLOW_ALL);
    assertEquals("acme", client.invoke("admin.x").getValue(), "the suspended one is gone");
  }

  @Test
  void aRefusedInterceptorDoesNotSeeTheChannel() throws Exception {
    bus.interceptors().set(List.of(
        new Interceptors.Entry((event, args) -> calls.add("acme " + event.getChannel()), Set.of(), "acme",
            acme.actor()),
        new Interceptors.Entry((event, args) -> calls.add("other " + event.getChannel()), Set.of(), "other",
            other.actor())));
    onlyAcme(Role.INTERCEPT);
    client.sendSync("admin.x");
    client.sendSync("status");
    assertEquals(List.of("acme admin.x", "acme status", "other status"), calls);
  }

  @Test
  void aRefusedBundleCannotSendAsMainThroughAnyWebContentsItHolds() throws Exception {
    other.on("ask", (event, args) -> {
      calls.add(thrown(() -> event.reply("admin.x")));
      calls.add(thrown(() -> event.getSender().send("admin.x")));
      event.setReturnValue("asked");
    });
    List<Object> received = Collections.synchronizedList(new ArrayList<>());
    client.on("admin.x", (event, args) -> received.add("admin.x"));
    onlyAcme(Role.MAIN_SEND);

    WebContents held = other.fromId(renderer.getId()).orElseThrow();
    IpcAccessDeniedException refused = assertThrows(IpcAccessDeniedException.class, () -> held.send("admin.x"));
    assertEquals("Bundle com.other (" + other.bundle().getBundleId() + ") may not send to WebContents "
        + renderer.getId() + " as main on channel 'admin.x': the access policy org.ipcbus.policy allows it "
        + "only to bundles matching main.send.rules 'admin.*=(Bundle-SymbolicName=com.acme.*)'",
        refused.getMessage());
    assertThrows(IpcAccessDeniedException.class, () -> other.getAllWebContents().get(0).send("admin.x"));
    assertEquals("asked", client.sendSync("ask"));
    assertEquals(List.of(IpcAccessDeniedException.class, IpcAccessDeniedException.class), calls);

    acme.fromId(renderer.getId()).orElseThrow().send("admin.x");
    held.send("status"); // a channel no rule names stays open
    // Main's sends run the renderer's listeners on the renderer's own thread: wait for them there.
    CountDownLatch delivered = new CountDownLatch(1);
    client.once("status", (event, args) -> delivered.countDown());
    held.send("status");
    assertTrue(delivered.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("admin.x"), received);
  }

  @Test
  void aListenerRepliesAsTheBundleThatRegisteredItEvenLater() throws Exception {
    CompletableFuture<org.ipcbus.api.Event> kept = new CompletableFuture<>();
    other.on("ask", (event, args) -> kept.complete(event));
    acme.on("ask", (event, args) -> event.reply("admin.x")); // runs after other's: must not lend it its bundle
    client.sendSync("ask");
    onlyAcme(Role.MAIN_SEND);
    assertThrows(IpcAccessDeniedException.class, () -> kept.get().reply("admin.x"));
  }

  @Test
  void aWebContentsListenerSendsAsItsOwnBundle() throws Exception {
    CompletableFuture<Throwable> sent = new CompletableFuture<>();
    bus.webContentsEvents().add(new WebContentsListener() {
      @Override
      public void created(WebContents webContents) {
        sent.complete(thrownBy(() -> webContents.send("admin.x")));
      }
    }, other.actor());
    onlyAcme(Role.MAIN_SEND);
    bus.renderers().acquire(TestBundles.named("late"));
    assertInstanceOf(IpcAccessDeniedException.class, sent.get(5, TimeUnit.SECONDS));
  }

  @Test
  void aBundleGetsTheSameWebContentsObjectEachTimeAndViewsOfOneRendererAreEqual() {
    WebContents first = other.fromId(renderer.getId()).orElseThrow();
    assertSame(first, other.fromId(renderer.getId()).orElseThrow());
    assertSame(first, other.getAllWebContents().get(0));
    assertEquals(first, acme.fromId(renderer.getId()).orElseThrow());
    assertSame(renderer.getBundle(), first.getBundle());
  }

  @Test
  void anInvalidRoleRefusesEverythingOfItsRoleOnly() throws Exception {
    bus.accessPolicy(AccessPolicy.of(Map.of(Role.LISTEN, RoleRules.invalid("rule 1 of listen.rules 'x' is "
        + "not <channel glob>=<LDAP filter>"))));
    IpcAccessDeniedException refused = assertThrows(IpcAccessDeniedException.class,
        () -> acme.on("anything", (event, args) -> { }));
    assertTrue(refused.getMessage().endsWith("the access policy org.ipcbus.policy is invalid (rule 1 of "
        + "listen.rules 'x' is not <channel glob>=<LDAP filter>), so it refuses every listener"),
        refused.getMessage());
    assertDoesNotThrow(() -> acme.handle("anything", (event, args) -> "handled"));
    assertEquals("handled", client.invoke("anything").getValue());
    assertEquals("deny all: rule 1 of listen.rules 'x' is not <channel glob>=<LDAP filter>",
        bus.accessPolicy().rules(Role.LISTEN).toString());
    assertEquals("allow all", bus.accessPolicy().toString(), "the send rules are untouched");
  }

  @Test
  void theAppliedPolicyIsSetOnlyAfterTheFollowersApplied() throws Exception {
    List<String> seen = new ArrayList<>();
    bus.followPolicy(policy -> seen.add(String.valueOf(bus.appliedAccessPolicy() == policy)));
    AccessPolicy policy = AccessPolicy.of(Map.of(Role.LISTEN, rules("a", "(x=y)")));
    long before = bus.changes().get();
    bus.accessPolicy(policy);
    assertEquals(List.of("false"), seen);
    assertSame(policy, bus.appliedAccessPolicy());
    assertTrue(bus.changes().get() > before);
  }

  @Test
  void aHandlerThatThrowsIsNotAnAccessQuestion() throws Exception {
    // The policy adds nothing to an allowed handler's failure: it still comes as IpcRemoteException.
    onlyAcme(Role.HANDLE);
    acme.handle("admin.fail", (event, args) -> {
      throw new IllegalStateException("no");
    });
    assertNotNull(assertInstanceOf(IpcRemoteException.class, client.invoke("admin.fail").getFailure()));
  }

  private static Class<?> thrown(Runnable action) {
    Throwable failure = thrownBy(action);
    return failure == null ? null : failure.getClass();
  }

  private static Throwable thrownBy(Runnable action) {
    try {
      action.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}
