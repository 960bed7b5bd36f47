package org.ipcbus.impl.bus;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.ipcbus.api.IpcAccessDeniedException;
import org.osgi.framework.Filter;

/**
 * Who may do what with which channels: for each {@link Role} (send, listen, handle, intercept, send
 * as main), rules of a channel glob and an LDAP filter over the acting bundle's manifest headers,
 * decided as {@link RoleRules} says. Roles without rules allow everything, so a policy without
 * rules changes nothing.
 */
public final class AccessPolicy {

  /** Lets every bundle do everything: the default. */
  public static final AccessPolicy ALLOW_ALL = new AccessPolicy(new EnumMap<>(Role.class));

  /**
   * One rule.
   *
   * @param glob the channels it covers: {@code *} is any run of characters, {@code ?} one character
   * @param filter who may act on them
   */
  public record Rule(String glob, Filter filter) {

    Pattern pattern() {
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

  /** The rules of each role that has any; the others are open. */
  private final Map<Role, RoleRules> byRole;

  private AccessPolicy(Map<Role, RoleRules> byRole) {
    this.byRole = byRole;
  }

  /**
   * Creates a policy with send rules only.
   *
   * @param rules the send rules, in any order
   * @return the policy
   */
  public static AccessPolicy of(List<Rule> rules) {
    return of(Map.of(Role.SEND, RoleRules.of(rules)));
  }

  /**
   * Creates a policy.
   *
   * @param rules the rules of each role; a role not in the map is open
   * @return the policy
   */
  public static AccessPolicy of(Map<Role, RoleRules> rules) {
    EnumMap<Role, RoleRules> byRole = new EnumMap<>(Role.class);
    rules.forEach((role, roleRules) -> {
      if (!roleRules.isOpen()) {
        byRole.put(role, roleRules);
      }
    });
    return new AccessPolicy(byRole);
  }

  /**
   * Creates a policy that refuses every message a renderer sends, for send rules that could not be
   * read.
   *
   * @param why what is wrong with the configuration
   * @return the policy
   */
  public static AccessPolicy denyAll(String why) {
    return of(Map.of(Role.SEND, RoleRules.invalid(why)));
  }

  /**
   * @param role a role
   * @return its rules
   */
  public RoleRules rules(Role role) {
    return byRole.getOrDefault(role, RoleRules.OPEN);
  }

  /**
   * Decides whether a bundle may act in a role on a channel.
   *
   * @param role the role
   * @param subject the acting bundle (or renderer)
   * @param channel the channel
   * @return null if it may, otherwise why not, naming the rules
   */
  public String refusal(Role role, PolicySubject subject, String channel) {
    RoleRules rules = byRole.get(role);
    // The common case, no rules for the role, costs one map lookup and reads no header.
    return rules == null ? null : rules.refusal(role, subject, channel);
  }

  /**
   * Checks that a renderer may send on a channel.
   *
   * @param sender the sending renderer
   * @param channel the channel
   * @throws IpcAccessDeniedException if it may not
   */
  void check(Renderer sender, String channel) {
    String why = refusal(Role.SEND, sender, channel);
    if (why != null) {
      throw new IpcAccessDeniedException("WebContents " + sender.getId() + " (" + sender.describeBundle()
          + ") may not send on channel '" + channel + "': " + why);
    }
  }

  /**
   * Checks that a bundle may listen on, handle or intercept a channel.
   *
   * @param role {@link Role#LISTEN}, {@link Role#HANDLE} or {@link Role#INTERCEPT}
   * @param actor the bundle
   * @param channel the channel
   * @throws IpcAccessDeniedException if it may not
   */
  void checkReceiver(Role role, Actor actor, String channel) {
    String why = refusal(role, actor, channel);
    if (why != null) {
      throw new IpcAccessDeniedException(capitalized(actor) + " may not " + role.action() + " '"
          + channel + "': " + why);
    }
  }

  /**
   * Checks that a bundle may send to a renderer as main on a channel.
   *
   * @param actor the bundle
   * @param target the renderer
   * @param channel the channel
   * @throws IpcAccessDeniedException if it may not
   */
  void checkMainSend(Actor actor, Renderer target, String channel) {
    String why = refusal(Role.MAIN_SEND, actor, channel);
    if (why != null) {
      throw new IpcAccessDeniedException(capitalized(actor) + " may not send to WebContents "
          + target.getId() + " as main on channel '" + channel + "': " + why);
    }
  }

  private static String capitalized(Actor actor) {
    String named = actor.toString();
    return Character.toUpperCase(named.charAt(0)) + named.substring(1);
  }

  /** @return the send rules in force, as {@link RoleRules#toString()} describes them, for logs */
  @Override
  public String toString() {
    return rules(Role.SEND).toString();
  }
}
