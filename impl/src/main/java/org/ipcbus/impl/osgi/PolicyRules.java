package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.ipcbus.impl.bus.AccessPolicy;
import org.ipcbus.impl.bus.Role;
import org.ipcbus.impl.bus.RoleRules;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/** Reads the rules of one role of the access policy, {@code <channel glob>=<LDAP filter>} each. */
final class PolicyRules {

  private PolicyRules() {}

  /**
   * Builds a policy from the configured rules of each role. An invalid rule makes its role refuse
   * everything until it is fixed (a typo must not open a channel); the other roles keep their rules.
   *
   * @param configured the configured rules of each role; a role missing has none
   * @param invalid told each role whose rules are invalid, and why
   * @return the policy
   */
  static AccessPolicy policy(Map<Role, String[]> configured, BiConsumer<Role, String> invalid) {
    Map<Role, RoleRules> roles = new EnumMap<>(Role.class);
    configured.forEach((role, rules) -> {
      try {
        roles.put(role, parse(role, rules));
      } catch (IllegalArgumentException e) {
        invalid.accept(role, e.getMessage());
        roles.put(role, RoleRules.invalid(e.getMessage()));
      }
    });
    return AccessPolicy.of(roles);
  }

  /**
   * Parses the rules of a role.
   *
   * @param role the role, to name its property in messages
   * @param rules the configured rules
   * @return the rules; {@link RoleRules#OPEN} for none
   * @throws IllegalArgumentException naming the first invalid rule and what is wrong with it
   */
  static RoleRules parse(Role role, String[] rules) {
    // The send rules keep the words they had before the other roles existed.
    String of = role == Role.SEND ? "" : " of " + role.property();
    List<AccessPolicy.Rule> parsed = new ArrayList<>(rules.length);
    for (int i = 0; i < rules.length; i++) {
      String rule = rules[i] == null ? "" : rules[i];
      int separator = rule.indexOf('=');
      String glob = separator < 0 ? "" : rule.substring(0, separator).strip();
      if (glob.isEmpty()) {
        throw new IllegalArgumentException("rule " + (i + 1) + of + " '" + rule
            + "' is not <channel glob>=<LDAP filter>");
      }
      String filter = rule.substring(separator + 1).strip();
      try {
        parsed.add(new AccessPolicy.Rule(glob, FrameworkUtil.createFilter(filter)));
      } catch (InvalidSyntaxException e) {
        throw new IllegalArgumentException("rule " + (i + 1) + of + " '" + rule + "' has an invalid "
            + "filter: " + e.getMessage(), e);
      }
    }
    return RoleRules.of(parsed);
  }
}
