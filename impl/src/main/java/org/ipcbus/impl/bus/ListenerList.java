package org.ipcbus.impl.bus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The listeners of each channel, in the order they were added. Deliveries read an immutable
 * snapshot (no lock, no copy); changes copy the channel's array, as they are rare.
 *
 * @param <L> the listener type
 */
public final class ListenerList<L> {

  private static final ListenerEntry<?>[] NONE = new ListenerEntry<?>[0];

  private final Map<String, ListenerEntry<L>[]> byChannel = new ConcurrentHashMap<>();
  private final ChangeCount changes;

  /**
   * Creates an empty list.
   *
   * @param changes bumped whenever a listener is added or removed
   */
  public ListenerList(ChangeCount changes) {
    this.changes = changes;
  }

  /**
   * Adds a listener at the end of a channel's list.
   *
   * @param channel the channel
   * @param listener the listener
   * @param once whether it is removed before its first delivery
   * @param owner who added it
   */
  public void add(String channel, L listener, boolean once, Object owner) {
    add(channel, listener, once, owner, null);
  }

  /**
   * Adds a listener of main at the end of a channel's list.
   *
   * @param channel the channel
   * @param listener the listener
   * @param once whether it is removed before its first delivery
   * @param owner who added it
   * @param actor the bundle that registered it, which sends as main when the listener replies
   * @return the new entry
   */
  public ListenerEntry<L> add(String channel, L listener, boolean once, Object owner, Actor actor) {
    ListenerEntry<L> entry = new ListenerEntry<>(listener, once, owner, actor);
    byChannel.compute(channel, (key, entries) -> {
      if (entries == null) {
        return newArray(entry);
      }
      ListenerEntry<L>[] grown = Arrays.copyOf(entries, entries.length + 1);
      grown[entries.length] = entry;
      return grown;
    });
    changes.bump();
    return entry;
  }

  /**
   * Returns the listeners of a channel.
   *
   * @param channel the channel
   * @return a snapshot, never null; do not modify it
   */
  @SuppressWarnings("unchecked")
  public ListenerEntry<L>[] get(String channel) {
    ListenerEntry<L>[] entries = byChannel.get(channel);
    return entries != null ? entries : (ListenerEntry<L>[]) NONE;
  }

  /** @return the channels that have listeners now */
  public Set<String> channels() {
    return Set.copyOf(byChannel.keySet());
  }

  /**
   * @param channel a channel
   * @return whether a listener of it would run: one that the access policy does not suspend
   */
  public boolean hasLive(String channel) {
    for (ListenerEntry<L> entry : get(channel)) {
      if (entry.denial() == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Calls an action with each entry of each channel, as they are now.
   *
   * @param action told the channel and the entry
   */
  public void forEach(BiConsumer<String, ListenerEntry<L>> action) {
    byChannel.forEach((channel, entries) -> {
      for (ListenerEntry<L> entry : entries) {
        action.accept(channel, entry);
      }
    });
  }

  /**
   * Calls every listener of a channel, in order, as one delivery: {@code once} listeners are
   * removed before they run, and a listener that throws does not stop the others.
   *
   * @param channel the channel
   * @param delivery what to do with each listener, and with each one that threw
   * @return the first throwable, or null if every listener returned normally
   */
  public Throwable deliver(String channel, Delivery<L> delivery) {
    Throwable first = null;
    for (ListenerEntry<L> entry : get(channel)) {
      if (!entry.enter()) {
        continue;
      }
      if (entry.once()) {
        removeEntry(channel, entry);
      }
      try {
        delivery.call(entry);
      } catch (Throwable t) {
        delivery.failed(entry.listener(), t);
        if (first == null) {
          first = t;
        }
      } finally {
        entry.exit();
      }
    }
    return first;
  }

  /**
   * One message on its way to the listeners of a channel; one object per message.
   *
   * @param <L> the listener type
   */
  public interface Delivery<L> {
    /**
     * Calls one listener.
     *
     * @param entry the listener's registration, which says who registered it
     * @throws Exception whatever the listener throws
     */
    void call(ListenerEntry<L> entry) throws Exception;

    /**
     * Reports a listener that threw.
     *
     * @param listener the listener
     * @param failure what it threw
     */
    void failed(L listener, Throwable failure);
  }

  /**
   * Removes the most recently added registration of a listener (by identity) whose owner matches,
   * as Node's EventEmitter does.
   *
   * @param channel the channel
   * @param listener the listener
   * @param owners which owners' registrations may be removed
   * @return whether one was removed
   */
  public boolean remove(String channel, L listener, Predicate<Object> owners) {
    List<ListenerEntry<L>> removed = new ArrayList<>(1);
    byChannel.computeIfPresent(channel, (key, entries) -> {
      for (int i = entries.length - 1; i >= 0; i--) {
        if (entries[i].listener() == listener && owners.test(entries[i].owner())) {
          removed.add(entries[i]);
          return without(entries, i);
        }
      }
      return entries;
    });
    finishRemoval(removed);
    return !removed.isEmpty();
  }

  /**
   * Removes one entry, if it is still there; used for {@code once} entries after their delivery
   * started.
   *
   * @param channel the channel
   * @param entry the entry
   */
  private void removeEntry(String channel, ListenerEntry<L> entry) {
    byChannel.computeIfPresent(channel, (key, entries) -> {
      for (int i = 0; i < entries.length; i++) {
        if (entries[i] == entry) {
          return without(entries, i);
        }
      }
      return entries;
    });
    changes.bump();
  }

  /**
   * Removes the entries of a channel whose owner matches.
   *
   * @param channel the channel
   * @param owners which owners' registrations to remove
   */
  public void removeAll(String channel, Predicate<Object> owners) {
    List<ListenerEntry<L>> removed = new ArrayList<>();
    byChannel.computeIfPresent(channel, (key, entries) -> keep(entries, owners.negate(), removed));
    finishRemoval(removed);
  }

  /**
   * Removes the entries of every channel whose owner matches.
   *
   * @param owners which owners' registrations to remove
   */
  public void removeAll(Predicate<Object> owners) {
    for (String channel : byChannel.keySet()) {
      removeAll(channel, owners);
    }
  }

  private void finishRemoval(List<ListenerEntry<L>> removed) {
    if (!removed.isEmpty()) {
      changes.bump();
      removed.forEach(ListenerEntry::markRemoved);
    }
  }

  private ListenerEntry<L>[] keep(ListenerEntry<L>[] entries, Predicate<Object> owners,
      List<ListenerEntry<L>> removed) {
    List<ListenerEntry<L>> kept = new ArrayList<>(entries.length);
    for (ListenerEntry<L> entry : entries) {
      (owners.test(entry.owner()) ? kept : removed).add(entry);
    }
    @SuppressWarnings("unchecked")
    ListenerEntry<L>[] array = (ListenerEntry<L>[]) kept.toArray(new ListenerEntry<?>[0]);
    return kept.isEmpty() ? null : array;
  }

  private ListenerEntry<L>[] without(ListenerEntry<L>[] entries, int index) {
    if (entries.length == 1) {
      return null;
    }
    ListenerEntry<L>[] shrunk = Arrays.copyOf(entries, entries.length - 1);
    System.arraycopy(entries, index + 1, shrunk, index, entries.length - index - 1);
    return shrunk;
  }

  @SuppressWarnings("unchecked")
  private static <L> ListenerEntry<L>[] newArray(ListenerEntry<L> entry) {
    ListenerEntry<L>[] array = (ListenerEntry<L>[]) new ListenerEntry<?>[] {entry};
    return array;
  }
}
