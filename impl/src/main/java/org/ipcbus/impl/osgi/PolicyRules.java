package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.List;

import org.ipcbus.impl.bus.AccessPolicy;
import org.ipcbus.impl.bus.Role;
import org.ipcbus.impl.bus.RoleRules;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/** Reads the rules of one role of the access policy, {@code <channel glob>=<LDAP filter>} each. */
final class PolicyRules {

  private PolicyRules() {}

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
