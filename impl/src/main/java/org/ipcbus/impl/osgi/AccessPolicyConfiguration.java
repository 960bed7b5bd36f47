package org.ipcbus.impl.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The channel access policy, PID {@code org.ipcbus.policy}: which bundles may send on which
 * channels. Without it, or without rules, every bundle may send on every channel.
 */
@ObjectClassDefinition(id = AccessPolicyConfiguration.PID, name = "ipcbus channel access policy",
    description = "Which bundles may send on which channels")
@interface AccessPolicyConfiguration {

  /** The configuration PID. */
  String PID = "org.ipcbus.policy";

  @AttributeDefinition(name = "Rules", required = false,
      description = "Each rule is <channel glob>=<LDAP filter over the sending bundle's manifest "
          + "headers>, e.g. admin.*=(Bundle-SymbolicName=com.acme.*). A channel that rules name is "
          + "open only to bundles matching one of their filters; other channels are open to all. "
          + "An invalid rule makes the policy refuse every message until it is fixed.")
  String[] rules() default {};
}
