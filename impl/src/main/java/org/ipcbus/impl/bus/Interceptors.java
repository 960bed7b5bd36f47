package org.ipcbus.impl.bus;

import java.util.List;
import java.util.Set;

import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcMainInterceptor;

/** The interceptors that see each message before main's listeners, in the order they run. */
public final class Interceptors {

  /**
   * One interceptor.
   *
   * @param interceptor the interceptor
   * @param channels the channels it sees; empty for every channel
   * @param name how messages and logs name it
   */
  public record Entry(IpcMainInterceptor interceptor, Set<String> channels, String name) {}

  private final BusLog log;
  private volatile List<Entry> entries = List.of();

  Interceptors(BusLog log) {
    this.log = log;
  }

  /**
   * Replaces the interceptors.
   *
   * @param ordered the interceptors in the order they run
   */
  public void set(List<Entry> ordered) {
    entries = List.copyOf(ordered);
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
    // Indexed, not iterated: this runs for every message, most often over an empty list.
    for (int i = 0; i < current.size(); i++) {
      Entry entry = current.get(i);
      if (!entry.channels().isEmpty() && !entry.channels().contains(event.getChannel())) {
        continue;
      }
      String why;
      try {
        if (entry.interceptor().allow(event, args)) {
          continue;
        }
        why = "rejected by " + entry.name();
      } catch (Exception e) {
        // A check that fails must not let the message through.
        log.error("Interceptor " + entry.name() + " threw on channel '" + event.getChannel()
            + "'; the message is rejected", e);
        why = "rejected by " + entry.name() + ", which threw " + e;
      }
      return new IpcAccessDeniedException("Message from WebContents " + event.getSender().getId()
          + " on channel '" + event.getChannel() + "' " + why);
    }
    return null;
  }
}
