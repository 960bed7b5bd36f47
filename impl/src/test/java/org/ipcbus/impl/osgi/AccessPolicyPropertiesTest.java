package org.ipcbus.impl.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.impl.bus.AccessPolicy;
import org.ipcbus.impl.bus.Actor;
import org.ipcbus.impl.bus.Bus;
import org.ipcbus.impl.bus.BusConfig;
import org.ipcbus.impl.bus.BusLog;
import org.ipcbus.impl.bus.Interceptors;
import org.ipcbus.impl.bus.MainClient;
import org.ipcbus.impl.bus.Renderer;
import org.ipcbus.impl.bus.Role;
import org.osgi.framework.Bundle;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random rule sets and random bundle headers: a registration, a send and an interception are
 * allowed exactly when the decision procedure documented in docs/security.md says so. The rules go
 * through the same parser as the configuration, and the decisions through the public entry points
 * (IpcMain.on/handle, WebContents.send, IpcRenderer.send, a real dispatch to an interceptor); the
 * expected answer comes from a model written here from the documentation alone.
 */
class AccessPolicyPropertiesTest {

  private static final List<String> HEADERS = List.of("Bundle-SymbolicName", "Bundle-Vendor", "X-Team");
  private static final AtomicLong IDS = new AtomicLong(500);
  private static final Bus BUS = new Bus(BusConfig.of(2_000, 2_000, 1_000), new BusLog() {
    @Override
    public void warn(String message) {
    }

    @Override
    public void error(String message, Throwable error) {
    }
  });
  /** A renderer for main to send to; its own headers do not matter to main-send rules. */
  private static final Renderer TARGET = BUS.renderers().acquire(bundle(Map.of("Bundle-SymbolicName", "target")));

  @AfterContainer
  static void stop() {
    BUS.close();
  }

  // ---- the model: the decision procedure as docs/security.md states it ----

  /** A filter as a tree, printed as LDAP for the parser and evaluated here for the model. */
  interface Node {
    String ldap();

    boolean matches(Map<String, String> headers);
  }

  record Compare(String attribute, String operator, String value) implements Node {
    public String ldap() {
      return "(" + attribute + operator + value + ")";
    }

    public boolean matches(Map<String, String> headers) {
      String actual = header(headers, attribute);
      if (actual == null) {
        return false;
      }
      return switch (operator) {
        case ">=" -> actual.compareTo(value) >= 0;
        case "<=" -> actual.compareTo(value) <= 0;
        default -> Pattern.compile(value.chars().mapToObj(c -> c == '*' ? ".*" : Pattern.quote(String.valueOf((char) c)))
            .collect(Collectors.joining()), Pattern.DOTALL).matcher(actual).matches();
      };
    }
  }

  record Present(String attribute) implements Node {
    public String ldap() {
      return "(" + attribute + "=*)";
    }

    public boolean matches(Map<String, String> headers) {
      return header(headers, attribute) != null;
    }
  }

  record Not(Node inner) implements Node {
    public String ldap() {
      return "(!" + inner.ldap() + ")";
    }

    public boolean matches(Map<String, String> headers) {
      return !inner.matches(headers);
    }
  }

  record Junction(boolean and, List<Node> parts) implements Node {
    public String ldap() {
      return "(" + (and ? "&" : "|") + parts.stream().map(Node::ldap).collect(Collectors.joining()) + ")";
    }

    public boolean matches(Map<String, String> headers) {
      return and ? parts.stream().allMatch(part -> part.matches(headers))
          : parts.stream().anyMatch(part -> part.matches(headers));
    }
  }

  /** A rule as configured; an invalid one is text the parser must refuse. */
  record ModelRule(String glob, Node filter, String invalidText) {
    String text() {
      return invalidText != null ? invalidText : glob + "=" + filter.ldap();
    }
  }

  /** Attribute names in filters are case-insensitive. */
  private static String header(Map<String, String> headers, String attribute) {
    return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(attribute))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  /** {@code *} any run of characters, {@code ?} one character, anything else itself, whole name. */
  private static boolean globMatches(String glob, String channel) {
    if (glob.isEmpty()) {
      return channel.isEmpty();
    }
    char first = glob.charAt(0);
    if (first == '*') {
      for (int skip = 0; skip <= channel.length(); skip++) {
        if (globMatches(glob.substring(1), channel.substring(skip))) {
          return true;
        }
      }
      return false;
    }
    return !channel.isEmpty() && (first == '?' || first == channel.charAt(0))
        && globMatches(glob.substring(1), channel.substring(1));
  }

  /** 1. invalid rules refuse; 2. no rule names the channel: allowed; 3. allowed iff a naming rule's filter matches. */
  static boolean allowed(List<ModelRule> rules, Map<String, String> headers, String channel) {
    if (rules.stream().anyMatch(rule -> rule.invalidText() != null)) {
      return false;
    }
    List<ModelRule> naming = rules.stream().filter(rule -> globMatches(rule.glob(), channel)).toList();
    return naming.isEmpty() || naming.stream().anyMatch(rule -> rule.filter().matches(headers));
  }

  // ---- the properties ----

  @Property(tries = 400)
  void aRegistrationOrSendIsAllowedExactlyWhenTheDecisionProcedureSaysSo(
      @ForAll("ruleSets") Map<Role, List<ModelRule>> rules, @ForAll("headers") Map<String, String> headers,
      @ForAll("channels") String channel) {
    BUS.accessPolicy(policy(rules));
    Bundle bundle = bundle(headers);
    MainClient main = new MainClient(BUS, bundle);
    try {
      check(Role.LISTEN, rules, headers, channel, () -> main.on(channel, (event, args) -> { }));
      main.removeAllListeners();
      check(Role.HANDLE, rules, headers, channel, () -> main.handle(channel, (event, args) -> null));
      main.release();
      check(Role.MAIN_SEND, rules, headers, channel,
          () -> main.fromId(TARGET.getId()).orElseThrow().send(channel));
      IpcRenderer renderer = BUS.renderers().acquire(bundle).client();
      check(Role.SEND, rules, headers, channel, () -> renderer.send(channel));
    } finally {
      main.release();
      BUS.renderers().release(bundle);
    }
  }

  @Property(tries = 150)
  void anInterceptorSeesAMessageExactlyWhenTheDecisionProcedureSaysSo(
      @ForAll("roleRules") List<ModelRule> rules, @ForAll("headers") Map<String, String> headers,
      @ForAll("channels") String channel) {
    BUS.accessPolicy(policy(Map.of(Role.INTERCEPT, rules)));
    AtomicBoolean saw = new AtomicBoolean();
    BUS.interceptors().set(List.of(new Interceptors.Entry((event, args) -> saw.getAndSet(true) || true,
        Set.of(), "generated", new Actor(bundle(headers)))));
    try {
      TARGET.client().sendSync(channel);
    } finally {
      BUS.interceptors().set(List.of());
    }
    boolean expected = allowed(rules, headers, channel);
    Statistics.collect(expected ? "sees" : "does not see");
    assertEquals(expected, saw.get(), () -> "intercept " + channel + " by " + headers + " under " + texts(rules));
  }

  private static void check(Role role, Map<Role, List<ModelRule>> rules, Map<String, String> headers,
      String channel, Runnable action) {
    boolean expected = allowed(rules.getOrDefault(role, List.of()), headers, channel);
    Statistics.label(role.key()).collect(expected ? "allowed" : "refused");
    boolean actual;
    try {
      action.run();
      actual = true;
    } catch (IpcAccessDeniedException e) {
      actual = false;
    }
    assertEquals(expected, actual, () -> role.key() + " " + channel + " by " + headers + " under "
        + texts(rules.getOrDefault(role, List.of())));
  }

  /** What the configuration component does with the configured strings. */
  private static AccessPolicy policy(Map<Role, List<ModelRule>> rules) {
    Map<Role, String[]> configured = new EnumMap<>(Role.class);
    rules.forEach((role, roleRules) -> configured.put(role, texts(roleRules).toArray(String[]::new)));
    return PolicyRules.policy(configured, (role, why) -> { });
  }

  private static List<String> texts(List<ModelRule> rules) {
    return rules.stream().map(ModelRule::text).toList();
  }

  // ---- the generators ----

  @Provide
  Arbitrary<String> channels() {
    return Arbitraries.strings().withChars("ab.").ofMinLength(1).ofMaxLength(5);
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    Arbitrary<String> values = Arbitraries.strings().withChars("ab.").ofMinLength(1).ofMaxLength(3);
    return Arbitraries.maps(Arbitraries.of(HEADERS), values).ofMaxSize(HEADERS.size());
  }

  @Provide
  Arbitrary<Map<Role, List<ModelRule>>> ruleSets() {
    return Combinators.combine(roleRules(), roleRules(), roleRules(), roleRules()).as((send, listen, handle, mainSend) -> {
      Map<Role, List<ModelRule>> rules = new EnumMap<>(Role.class);
      rules.put(Role.SEND, send);
      rules.put(Role.LISTEN, listen);
      rules.put(Role.HANDLE, handle);
      rules.put(Role.MAIN_SEND, mainSend);
      return rules;
    });
  }

  @Provide
  Arbitrary<List<ModelRule>> roleRules() {
    Arbitrary<ModelRule> valid = Combinators.combine(globs(), filters(2))
        .as((glob, filter) -> new ModelRule(glob, filter, null));
    Arbitrary<ModelRule> invalid = Arbitraries.of("no-separator", "=(a=b)", " =(a=b)", "a.*=(unclosed",
        "a=(&)", "a=not a filter").map(text -> new ModelRule(null, null, text));
    return Arbitraries.frequencyOf(Tuple.of(12, valid), Tuple.of(1, invalid)).list().ofMaxSize(4);
  }

  private static Arbitrary<String> globs() {
    return Arbitraries.strings().withChars("ab.*?").ofMinLength(1).ofMaxLength(4);
  }

  private static Arbitrary<Node> filters(int depth) {
    Arbitrary<String> attributes = Arbitraries.of(HEADERS).flatMap(name -> Arbitraries.of(name,
        name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT)));
    Arbitrary<String> values = Arbitraries.strings().withChars("ab.").ofMinLength(1).ofMaxLength(3);
    Arbitrary<String> patterns = Arbitraries.strings().withChars("ab.*").ofMinLength(1).ofMaxLength(4)
        .filter(pattern -> pattern.chars().anyMatch(c -> c != '*'));
    Arbitrary<Node> leaf = Arbitraries.oneOf(
        Combinators.combine(attributes, patterns).as((attribute, pattern) -> new Compare(attribute, "=", pattern)),
        Combinators.combine(attributes, Arbitraries.of(">=", "<="), values).as(Compare::new),
        attributes.map(Present::new));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Node> inner = filters(depth - 1);
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaf),
        Tuple.of(1, inner.map(Not::new)),
        Tuple.of(1, Combinators.combine(Arbitraries.of(true, false), inner.list().ofMinSize(1).ofMaxSize(3))
            .as(Junction::new)));
  }

  // ---- bundles ----

  private static Bundle bundle(Map<String, String> headers) {
    long id = IDS.incrementAndGet();
    String symbolicName = headers.getOrDefault("Bundle-SymbolicName", "generated." + id);
    return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getSymbolicName" -> symbolicName;
          case "getBundleId" -> id;
          case "getState" -> Bundle.ACTIVE;
          case "getHeaders" -> new Hashtable<>(headers);
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> symbolicName + " [" + id + "]";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
