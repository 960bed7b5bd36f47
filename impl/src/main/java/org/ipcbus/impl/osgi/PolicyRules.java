package org.ipcbus.impl.osgi;

import java.util.ArrayList;
import java.util.List;

import org.ipcbus.impl.bus.AccessPolicy;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/** Reads the rules of the channel access policy, {@code <channel glob>=<LDAP filter>} each. */
final class PolicyRules {

  private PolicyRules() {}

  /**
   * Parses the rules.
   *
   * @param rules the configured rules
   * @return the policy; allow-all for no rules
   * @throws IllegalArgumentException naming the first invalid rule and what is wrong with it
   */
  static AccessPolicy parse(String[] rules) {
    List<AccessPolicy.Rule> parsed = new ArrayList<>(rules.length);
    for (int i = 0; i < rules.length; i++) {
      String rule = rules[i] == null ? "" : rules[i];
      int separator = rule.indexOf('=');
      String glob = separator < 0 ? "" : rule.substring(0, separator).strip();
      if (glob.isEmpty()) {
        throw new IllegalArgumentException("rule " + (i + 1) + " '" + rule
            + "' is not <channel glob>=<LDAP filter>");
      }
      String filter = rule.substring(separator + 1).strip();
      try {
        parsed.add(new AccessPolicy.Rule(glob, FrameworkUtil.createFilter(filter)));
      } catch (InvalidSyntaxException e) {
        throw new IllegalArgumentException("rule " + (i + 1) + " '" + rule + "' has an invalid "
            + "filter: " + e.getMessage(), e);
      }
    }
    return parsed.isEmpty() ? AccessPolicy.ALLOW_ALL : AccessPolicy.of(parsed);
  }
}
