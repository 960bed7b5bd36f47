package org.ipcbus.impl.bus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/** The channel access policy: globs, filters over headers, and refusal at the sender. */
class AccessPolicyTest {

  private final Bus bus = new Bus(BusConfig.DEFAULTS, new RecordingLog());

  @AfterEach
  void stop() {
    bus.close();
  }

  private static AccessPolicy.Rule rule(String glob, String filter) throws InvalidSyntaxException {
    return new AccessPolicy.Rule(glob, FrameworkUtil.createFilter(filter));
  }

  private Renderer renderer(String symbolicName) {
    return bus.renderers().acquire(TestBundles.named(symbolicName));
  }

  @Test
  void channelsNoRuleNamesAreOpenToAll() throws Exception {
    AccessPolicy policy = AccessPolicy.of(List.of(rule("admin.*", "(Bundle-SymbolicName=com.acme.*)")));
    assertDoesNotThrow(() -> policy.check(renderer("com.other"), "status"));
    assertDoesNotThrow(() -> policy.check(renderer("com.other"), "admin")); // "admin.*" needs the dot
  }

  @Test
  void aNamedChannelIsOpenOnlyToMatchingBundles() throws Exception {
    AccessPolicy policy = AccessPolicy.of(List.of(rule("admin.*", "(Bundle-SymbolicName=com.acme.*)")));
    assertDoesNotThrow(() -> policy.check(renderer("com.acme.console"), "admin.reset"));
    Renderer other = renderer("com.other");
    IpcAccessDeniedException e = assertThrows(IpcAccessDeniedException.class,
        () -> policy.check(other, "admin.reset"));
    assertEquals("WebContents " + other.getId() + " (bundle com.other) may not send on channel "
        + "'admin.reset': the access policy org.ipcbus.policy allows it only to "
        + "(Bundle-SymbolicName=com.acme.*)", e.getMessage());
  }

  @Test
  void anyMatchingRuleOpensTheChannel() throws Exception {
    AccessPolicy policy = AccessPolicy.of(List.of(
        rule("data.?", "(Bundle-SymbolicName=reader)"),
        rule("data.*", "(Bundle-Vendor=test)")));
    assertDoesNotThrow(() -> policy.check(renderer("anyone"), "data.x"));
    AccessPolicy strict = AccessPolicy.of(List.of(rule("data.?", "(Bundle-SymbolicName=reader)")));
    assertDoesNotThrow(() -> strict.check(renderer("reader"), "data.x"));
    assertThrows(IpcAccessDeniedException.class, () -> strict.check(renderer("writer"), "data.x"));
    assertDoesNotThrow(() -> strict.check(renderer("writer"), "data.xy"), "? is one character");
  }

  @Test
  void globCharactersOtherThanStarAndQuestionMarkAreLiteral() throws Exception {
    AccessPolicy policy = AccessPolicy.of(List.of(rule("a.b[1]+", "(Bundle-SymbolicName=nobody)")));
    assertThrows(IpcAccessDeniedException.class, () -> policy.check(renderer("x"), "a.b[1]+"));
    assertDoesNotThrow(() -> policy.check(renderer("x"), "aXb1"));
  }

  @Test
  void anInvalidPolicyRefusesEverything() {
    AccessPolicy policy = AccessPolicy.denyAll("rule 1 'x' is not <channel glob>=<LDAP filter>");
    IpcAccessDeniedException e = assertThrows(IpcAccessDeniedException.class,
        () -> policy.check(renderer("any"), "any"));
    assertEquals(true, e.getMessage().endsWith("the access policy org.ipcbus.policy is invalid "
        + "(rule 1 'x' is not <channel glob>=<LDAP filter>), so it refuses every message"));
  }

  @Test
  void aRefusedMessageFailsAtTheSenderIsNeverDeliveredAndIsCounted() throws Exception {
    List<Object> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    new MainClient(bus, TestBundles.named("main")).on("admin.x", (event, args) -> delivered.add(args[0]));
    bus.accessPolicy(AccessPolicy.of(List.of(rule("admin.*", "(Bundle-SymbolicName=trusted)"))));
    IpcRenderer untrusted = renderer("untrusted").client();
    assertThrows(IpcAccessDeniedException.class, () -> untrusted.send("admin.x", 1));
    assertThrows(IpcAccessDeniedException.class, () -> untrusted.sendSync("admin.x", 2));
    assertThrows(IpcAccessDeniedException.class, () -> untrusted.invoke("admin.x", 3));
    renderer("trusted").client().sendSync("admin.x", 4);
    assertEquals(List.of(4), delivered);
    assertEquals(3, bus.channelCounters().get("admin.x").denied());
  }
}
