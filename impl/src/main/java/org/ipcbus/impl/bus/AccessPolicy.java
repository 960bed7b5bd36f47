package org.ipcbus.impl.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ipcbus.api.IpcAccessDeniedException;
import org.osgi.framework.Filter;

/**
 * Which bundles may send on which channels: rules of a channel glob and an LDAP filter over the
 * sending bundle's manifest headers. A channel no rule names is open to every bundle; a channel
 * that rules name is open to the bundles that match the filter of at least one of them.
 */
public final class AccessPolicy {

  /** Lets every bundle send on every channel: the default. */
  public static final AccessPolicy ALLOW_ALL = new AccessPolicy(List.of(), null);

  /**
   * One rule.
   *
   * @param glob the channels it covers: {@code *} is any run of characters, {@code ?} one character
   * @param filter who may send on them
   */
  public record Rule(String glob, Filter filter) {

    private Pattern pattern() {
      StringBuilder regex = new StringBuilder();
      for (char c : glob.toCharArray()) {
        switch (c) {
          case '*' -> regex.append(".*");
          case '?' -> regex.append('.');
          default -> regex.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
  }

  private record CompiledRule(Pattern channels, Rule rule) {}

  private final List<CompiledRule> rules;
  /** Why every message is refused, or null; an invalid policy must never open a channel. */
  private final String refusal;

  private AccessPolicy(List<CompiledRule> rules, String refusal) {
    this.rules = rules;
    this.refusal = refusal;
  }

  /**
   * Creates a policy from its rules.
   *
   * @param rules the rules, in any order
   * @return the policy
   */
  public static AccessPolicy of(List<Rule> rules) {
    List<CompiledRule> compiled = new ArrayList<>(rules.size());
    for (Rule rule : rules) {
      compiled.add(new CompiledRule(rule.pattern(), rule));
    }
    return new AccessPolicy(List.copyOf(compiled), null);
  }

  /**
   * Creates a policy that refuses every message, for a configuration that could not be read.
   *
   * @param why what is wrong with the configuration
   * @return the policy
   */
  public static AccessPolicy denyAll(String why) {
    return new AccessPolicy(List.of(), why);
  }

  /**
   * Checks that a renderer may send on a channel.
   *
   * @param sender the sending renderer
   * @param channel the channel
   * @throws IpcAccessDeniedException if it may not
   */
  void check(Renderer sender, String channel) {
    if (refusal != null) {
      throw denied(sender, channel, "the access policy org.ipcbus.policy is invalid (" + refusal
          + "), so it refuses every message");
    }
    if (rules.isEmpty()) {
      return;
    }
    List<String> filters = null;
    for (CompiledRule rule : rules) {
      if (rule.channels().matcher(channel).matches()) {
        Filter filter = rule.rule().filter();
        if (filter.match(sender.headers())) {
          return;
        }
        if (filters == null) {
          filters = new ArrayList<>(2);
        }
        filters.add(filter.toString());
      }
    }
    if (filters != null) {
      throw denied(sender, channel, "the access policy org.ipcbus.policy allows it only to "
          + String.join(" or ", filters));
    }
  }

  private static IpcAccessDeniedException denied(Renderer sender, String channel, String why) {
    return new IpcAccessDeniedException("WebContents " + sender.getId() + " (" + sender.describeBundle()
        + ") may not send on channel '" + channel + "': " + why);
  }

  /** @return a description for logs */
  @Override
  public String toString() {
    if (refusal != null) {
      return "deny all: " + refusal;
    }
    List<String> described = new ArrayList<>();
    rules.forEach(rule -> described.add(rule.rule().glob() + "=" + rule.rule().filter()));
    return described.isEmpty() ? "allow all" : String.join(", ", described);
  }
}
