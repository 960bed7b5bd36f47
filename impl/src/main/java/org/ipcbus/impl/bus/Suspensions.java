package org.ipcbus.impl.bus;

import java.util.ArrayList;
import java.util.List;

import org.ipcbus.api.IpcMainHandler;
import org.ipcbus.api.IpcMainListener;

/**
 * Applies a new access policy to the listeners and handlers that bundles added through
 * {@code IpcMain}: those it refuses are suspended in place, those it allows again are restored.
 * They are suspended rather than removed because their bundles cannot add them again: an invalid
 * rule, which refuses everything, must not wipe out every listener in the framework for good.
 * (Whiteboard services are unwired and wired again by their trackers instead.)
 */
final class Suspensions {

  private final BusLog log;
  private final List<ListenerEntry<?>> suspended = new ArrayList<>();

  private Suspensions(BusLog log) {
    this.log = log;
  }

  /**
   * Applies a policy; call with the bus's policy lock held, so that no registration through
   * IpcMain slips between the policy and its application.
   *
   * @param policy the new policy
   * @param listeners main's listeners
   * @param handlers main's handlers
   * @param log told of each change
   * @return the entries suspended now, whose running deliveries the caller waits for after
   *     releasing the lock
   */
  static List<ListenerEntry<?>> apply(AccessPolicy policy, ListenerList<IpcMainListener> listeners,
      HandlerRegistry handlers, BusLog log) {
    Suspensions suspensions = new Suspensions(log);
    listeners.forEach((channel, entry) -> suspensions.decide(policy, Role.LISTEN, channel, entry));
    handlers.forEach((channel, entry) -> suspensions.decide(policy, Role.HANDLE, channel, entry));
    return suspensions.suspended;
  }

  private void decide(AccessPolicy policy, Role role, String channel, ListenerEntry<?> entry) {
    if (!(entry.owner() instanceof MainClient)) {
      return; // a whiteboard service: its tracker decides
    }
    String why = policy.refusal(role, entry.actor(), channel);
    String was = entry.denial();
    if (why != null && was == null) {
      entry.suspend(why);
      suspended.add(entry);
      log.warn("The " + noun(role) + " of channel '" + channel + "' that " + entry.actor()
          + " added is suspended: " + why);
    } else if (why != null) {
      entry.suspend(why); // still refused, perhaps by other rules
    } else if (was != null) {
      entry.restore();
      log.info("The " + noun(role) + " of channel '" + channel + "' that " + entry.actor()
          + " added is restored: the access policy allows it again");
    }
  }

  private static String noun(Role role) {
    return role == Role.LISTEN ? "listener" : "handler";
  }
}
