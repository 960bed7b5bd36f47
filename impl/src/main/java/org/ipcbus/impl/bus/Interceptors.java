package org.ipcbus.impl.bus;

import java.util.List;
import java.util.Set;

import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcMainInterceptor;

/**
 * The interceptors that see each message before main's listeners, in the order they run. An
 * interceptor the access policy's intercept rules refuse on a channel does not run for that
 * channel's messages; the policy is read per message, so a new policy applies from the next one.
 */
public final class Interceptors {

  /**
   * One interceptor.
   *
   * @param interceptor the interceptor
   * @param channels the channels it sees; empty for every channel
   * @param name how messages and logs name it
   * @param actor the bundle that registered it
   */
  public record Entry(IpcMainInterceptor interceptor, Set<String> channels, String name, Actor actor) {

    /**
     * @param channel a channel
     * @return whether it asks to see the channel's messages, whatever the policy says
     */
    public boolean covers(String channel) {
      return channels.isEmpty() || channels.contains(channel);
    }
  }

  private final Bus bus;
  private volatile List<Entry> entries = List.of();

  Interceptors(Bus bus) {
    this.bus = bus;
  }

  /**
   * Replaces the interceptors.
   *
   * @param ordered the interceptors in the order they run
   */
  public void set(List<Entry> ordered) {
    entries = List.copyOf(ordered);
  }

  /** @return the interceptors in the order they run */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Runs the interceptors on a message until one rejects it.
   *
   * @param event the message's event
   * @param args its cloned arguments
   * @return the rejection, or null if every interceptor let it through
   */
  IpcAccessDeniedException check(MainEvent event, Object[] args) {
    List<Entry> current = entries;
    String channel = event.channel();
    // Indexed, not iterated: this runs for every message, most often over an empty list.
    for (int i = 0; i < current.size(); i++) {
      Entry entry = current.get(i);
      if (!entry.covers(channel)
          || bus.accessPolicy().refusal(Role.INTERCEPT, entry.actor(), channel) != null) {
        continue;
      }
      String why;
      try {
        if (entry.interceptor().allow(new ReceiverEvent(event, entry.actor()), args)) {
          continue;
        }
        why = "rejected by " + entry.name();
      } catch (Exception e) {
        // A check that fails must not let the message through.
        bus.log().error("Interceptor " + entry.name() + " threw on channel '" + channel
            + "'; the message is rejected", e);
        why = "rejected by " + entry.name() + ", which threw " + e;
      }
      return new IpcAccessDeniedException("Message from WebContents " + event.sender().getId()
          + " on channel '" + channel + "' " + why);
    }
    return null;
  }
}
