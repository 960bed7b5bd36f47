package org.ipcbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcConstants;
import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcMainInterceptor;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;
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

/** Sender identity, the channel access policy and interceptors, through real bundles. */
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
}
