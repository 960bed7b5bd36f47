package org.ipcbus.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.ipcbus.api.IpcRendererListener;

/**
 * The listeners of one renderer by channel, in the order added; EventEmitter's rules: removal by
 * identity, one registration at a time, {@code once} removed before it runs. Tells its owner when a
 * channel gains its first listener or loses its last, so that main sends only what is listened to.
 */
final class RendererListeners {

  /**
   * One registration: the listener, whether it runs once, and who added it. Compared by identity,
   * as the same listener may be added twice.
   */
  static final class Entry {
    private final IpcRendererListener listener;
    private final boolean once;
    private final Object owner;

    Entry(IpcRendererListener listener, boolean once, Object owner) {
      this.listener = listener;
      this.once = once;
      this.owner = owner;
    }

    IpcRendererListener listener() {
      return listener;
    }

    boolean once() {
      return once;
    }

    Object owner() {
      return owner;
    }
  }

  /** Hears when a channel starts or stops having listeners. */
  interface Interest {
    void changed(String channel, boolean listened);
  }

  private final Map<String, List<Entry>> byChannel = new ConcurrentHashMap<>();
  private final Interest interest;

  RendererListeners(Interest interest) {
    this.interest = interest;
  }

  synchronized void add(String channel, IpcRendererListener listener, boolean once, Object owner) {
    List<Entry> entries = byChannel.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
    entries.add(new Entry(listener, once, owner));
    if (entries.size() == 1) {
      interest.changed(channel, true);
    }
  }

  /** Removes the first registration of the listener on the channel that the owners test accepts. */
  synchronized void remove(String channel, IpcRendererListener listener, Predicate<Object> owners) {
    List<Entry> entries = byChannel.get(channel);
    if (entries != null) {
      for (Entry entry : entries) {
        if (entry.listener() == listener && owners.test(entry.owner())) {
          removeEntry(channel, entry);
          return;
        }
      }
    }
  }

  /** Removes the registrations on the channel whose owner the test accepts. */
  synchronized void removeAll(String channel, Predicate<Object> owners) {
    List<Entry> entries = byChannel.get(channel);
    if (entries != null) {
      entries.stream().filter(entry -> owners.test(entry.owner())).toList()
          .forEach(entry -> removeEntry(channel, entry));
    }
  }

  /** Removes the registrations on every channel whose owner the test accepts. */
  synchronized void removeAll(Predicate<Object> owners) {
    List.copyOf(byChannel.keySet()).forEach(channel -> removeAll(channel, owners));
  }

  /**
   * Takes the registrations for one message: a {@code once} registration is removed now, before it
   * runs.
   *
   * @return the registrations to call, in order
   */
  synchronized List<Entry> take(String channel) {
    List<Entry> entries = byChannel.get(channel);
    if (entries == null) {
      return List.of();
    }
    List<Entry> taken = List.copyOf(entries);
    taken.stream().filter(Entry::once).forEach(entry -> removeEntry(channel, entry));
    return taken;
  }

  /**
   * Tells whether a registration taken for a message may still run: a {@code once} one always (it
   * was taken for this message), another only while it is registered, so that a listener removed
   * while earlier ones of the same message ran is not called.
   */
  synchronized boolean mayRun(String channel, Entry entry) {
    if (entry.once()) {
      return true;
    }
    List<Entry> entries = byChannel.get(channel);
    return entries != null && entries.contains(entry);
  }

  /** @return the channels with at least one listener */
  List<String> channels() {
    return List.copyOf(byChannel.keySet());
  }

  private void removeEntry(String channel, Entry entry) {
    List<Entry> entries = byChannel.get(channel);
    if (entries.remove(entry) && entries.isEmpty()) {
      byChannel.remove(channel);
      interest.changed(channel, false);
    }
  }
}
