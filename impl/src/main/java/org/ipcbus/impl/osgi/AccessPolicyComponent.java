package org.ipcbus.impl.osgi;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import org.ipcbus.impl.bus.AccessPolicy;
import org.ipcbus.impl.bus.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Holds the channel access policy of PID {@code org.ipcbus.policy} and hands each new version to
 * the bus. A component of its own because a DS component designates one PID; it is active without
 * a configuration too (then it allows everything), so the bus never waits for it.
 */
@Component(service = AccessPolicyComponent.class, configurationPid = AccessPolicyConfiguration.PID)
@Designate(ocd = AccessPolicyConfiguration.class)
public final class AccessPolicyComponent {

  @Reference(service = LoggerFactory.class)
  private Logger logger;

  private AccessPolicy policy = AccessPolicy.ALLOW_ALL;
  private Consumer<AccessPolicy> follower;

  @Activate
  @Modified
  synchronized void configure(AccessPolicyConfiguration configuration) {
    Map<Role, String[]> configured = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      configured.put(role, configured(configuration, role));
    }
    policy = PolicyRules.policy(configured, (role, why) -> logger.error("Configuration "
        + AccessPolicyConfiguration.PID + " is invalid" + (role == Role.SEND ? "" : " in " + role.property())
        + ", so " + role.everything() + " is refused until it is fixed: " + why));
    if (follower != null) {
      follower.accept(policy);
    }
  }

  /**
   * Hands the policy to a follower now and after every change.
   *
   * @param newFollower the follower, or null to stop
   */
  synchronized void follow(Consumer<AccessPolicy> newFollower) {
    follower = newFollower;
    if (follower != null) {
      follower.accept(policy);
    }
  }

  private static String[] configured(AccessPolicyConfiguration configuration, Role role) {
    return switch (role) {
      case SEND -> configuration.rules();
      case LISTEN -> configuration.listen_rules();
      case HANDLE -> configuration.handle_rules();
      case INTERCEPT -> configuration.intercept_rules();
      case MAIN_SEND -> configuration.main_send_rules();
    };
  }
}
