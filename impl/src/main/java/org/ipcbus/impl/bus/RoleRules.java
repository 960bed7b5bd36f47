package org.ipcbus.impl.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of one {@link Role} of the access policy, and the decision they make:
 *
 * <ol>
 *   <li>If the role's rules are invalid, everything is refused: a typo never opens a channel.
 *   <li>Otherwise the rules that name the channel are those whose glob matches the whole channel
 *       name ({@code *} any run of characters, {@code ?} one character, anything else itself). If
 *       there are none, the channel is open to every bundle.
 *   <li>Otherwise the bundle is allowed exactly when its manifest headers match the LDAP filter of
 *       at least one of them.
 * </ol>
 */
public final class RoleRules {

  /** No rules: every channel is open to every bundle, the default. */
  public static final RoleRules OPEN = new RoleRules(List.of(), null);

  private record Compiled(Pattern channels, AccessPolicy.Rule rule) {}

  private final List<Compiled> rules;
  /** Why everything is refused, or null. */
  private final String invalid;

  private RoleRules(List<Compiled> rules, String invalid) {
    this.rules = rules;
    this.invalid = invalid;
  }

  /**
   * Creates the rules of a role.
   *
   * @param rules the rules, in any order
   * @return the rules; {@link #OPEN} for none
   */
  public static RoleRules of(List<AccessPolicy.Rule> rules) {
    if (rules.isEmpty()) {
      return OPEN;
    }
    List<Compiled> compiled = new ArrayList<>(rules.size());
    for (AccessPolicy.Rule rule : rules) {
      compiled.add(new Compiled(rule.pattern(), rule));
    }
    return new RoleRules(List.copyOf(compiled), null);
  }

  /**
   * Creates rules that refuse everything, for rules that could not be read.
   *
   * @param why what is wrong with them
   * @return the rules
   */
  public static RoleRules invalid(String why) {
    return new RoleRules(List.of(), why);
  }

  /** @return whether it allows everything: no rules, and valid */
  public boolean isOpen() {
    return invalid == null && rules.isEmpty();
  }

  /** @return why the rules are invalid, or null if they are valid */
  public String invalidReason() {
    return invalid;
  }

  /** @return the rules, in the order configured */
  public List<AccessPolicy.Rule> rules() {
    return rules.stream().map(Compiled::rule).toList();
  }

  /**
   * Decides.
   *
   * @param role the role these are the rules of, for the words of the refusal
   * @param subject whose headers the filters are matched against; read only if a rule names the channel
   * @param channel the channel
   * @return null if allowed, otherwise why not, naming the rules
   */
  String refusal(Role role, PolicySubject subject, String channel) {
    if (invalid != null) {
      return "the access policy org.ipcbus.policy is invalid (" + invalid + "), so it refuses "
          + role.everything();
    }
    if (rules.isEmpty()) {
      return null;
    }
    List<AccessPolicy.Rule> naming = null;
    for (Compiled rule : rules) {
      if (rule.channels().matcher(channel).matches()) {
        if (rule.rule().filter().match(subject.headers())) {
          return null;
        }
        if (naming == null) {
          naming = new ArrayList<>(2);
        }
        naming.add(rule.rule());
      }
    }
    return naming == null ? null : refusedBy(role, naming);
  }

  /** The send rules keep the words they had before the other roles existed. */
  private static String refusedBy(Role role, List<AccessPolicy.Rule> naming) {
    List<String> described = new ArrayList<>(naming.size());
    if (role == Role.SEND) {
      naming.forEach(rule -> described.add(rule.filter().toString()));
      return "the access policy org.ipcbus.policy allows it only to " + String.join(" or ", described);
    }
    naming.forEach(rule -> described.add("'" + rule.glob() + "=" + rule.filter() + "'"));
    return "the access policy org.ipcbus.policy allows it only to bundles matching " + role.property()
        + " " + String.join(" or ", described);
  }

  /** @return "allow all", the rules as configured ("glob=filter, ..."), or "deny all: why" */
  @Override
  public String toString() {
    if (invalid != null) {
      return "deny all: " + invalid;
    }
    List<String> described = new ArrayList<>();
    rules.forEach(rule -> described.add(rule.rule().glob() + "=" + rule.rule().filter()));
    return described.isEmpty() ? "allow all" : String.join(", ", described);
  }
}
