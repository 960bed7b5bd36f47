package org.ipcbus.impl.bus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.ipcbus.api.IpcMainHandler;

/** The one handler of each channel, as Electron's {@code ipcMain.handle} keeps it. */
public final class HandlerRegistry {

  /**
   * Makes the entry of a handler, guarded as a listener's is: after its removal returns, no call
   * of it starts.
   *
   * @param handler the handler
   * @param once whether it is removed before it runs
   * @param owner who set it: a client of a bundle, or a whiteboard service reference
   * @return the entry
   */
  public static ListenerEntry<IpcMainHandler> entry(IpcMainHandler handler, boolean once, Object owner) {
    return new ListenerEntry<>(handler, once, owner);
  }

  private final Map<String, ListenerEntry<IpcMainHandler>> byChannel = new ConcurrentHashMap<>();
  private final List<Consumer<String>> freedListeners = new CopyOnWriteArrayList<>();
  private final ChangeCount changes;

  /**
   * Creates an empty registry.
   *
   * @param changes bumped whenever a handler is set or removed
   */
  public HandlerRegistry(ChangeCount changes) {
    this.changes = changes;
  }

  /**
   * Sets the handler of a channel.
   *
   * @param channel the channel
   * @param entry the handler
   * @throws IllegalStateException if the channel has a handler
   */
  public void set(String channel, ListenerEntry<IpcMainHandler> entry) {
    if (byChannel.putIfAbsent(channel, entry) != null) {
      throw new IllegalStateException("Attempted to register a second handler for '" + channel + "'");
    }
    changes.bump();
  }

  /**
   * Sets the handler of a channel if it has none.
   *
   * @param channel the channel
   * @param entry the handler
   * @return whether it was set
   */
  public boolean trySet(String channel, ListenerEntry<IpcMainHandler> entry) {
    if (byChannel.putIfAbsent(channel, entry) != null) {
      return false;
    }
    changes.bump();
    return true;
  }

  /**
   * Replaces the handler of a channel if it is still the given one.
   *
   * @param channel the channel
   * @param expected the handler that is to go
   * @param entry the handler that takes its place
   * @return whether it was replaced
   */
  public boolean replace(String channel, ListenerEntry<IpcMainHandler> expected, ListenerEntry<IpcMainHandler> entry) {
    if (!byChannel.replace(channel, expected, entry)) {
      return false;
    }
    expected.markRemoved();
    changes.bump();
    return true;
  }

  /**
   * Returns the handler to run for one invoke; a {@code once} handler is removed here.
   *
   * @param channel the channel
   * @return the handler, or null if there is none
   */
  public ListenerEntry<IpcMainHandler> take(String channel) {
    while (true) {
      ListenerEntry<IpcMainHandler> entry = byChannel.get(channel);
      if (entry == null || !entry.once()) {
        return entry;
      }
      if (byChannel.remove(channel, entry)) {
        fireFreed(channel);
        return entry;
      }
      // A concurrent change replaced it: look again.
    }
  }

  /**
   * Returns the handler of a channel without taking it.
   *
   * @param channel the channel
   * @return the handler, or null
   */
  public ListenerEntry<IpcMainHandler> get(String channel) {
    return byChannel.get(channel);
  }

  /**
   * Removes the handler of a channel if its owner matches.
   *
   * @param channel the channel
   * @param owners which owners' handlers may be removed
   * @return whether one was removed
   */
  public boolean remove(String channel, Predicate<Object> owners) {
    ListenerEntry<IpcMainHandler> entry = byChannel.get(channel);
    if (entry != null && owners.test(entry.owner()) && byChannel.remove(channel, entry)) {
      // A call already started may end; none starts after this returns.
      entry.markRemoved();
      fireFreed(channel);
      return true;
    }
    return false;
  }

  /**
   * Removes the handlers of every channel whose owner matches.
   *
   * @param owners which owners' handlers to remove
   */
  public void removeAll(Predicate<Object> owners) {
    for (String channel : byChannel.keySet()) {
      remove(channel, owners);
    }
  }

  /**
   * Adds a callback told of each channel whose handler was removed, so that a waiting whiteboard
   * handler can take the channel.
   *
   * @param listener the callback
   */
  public void onFreed(Consumer<String> listener) {
    freedListeners.add(listener);
  }

  /** @return the channels that have a handler now */
  public Set<String> channels() {
    return Set.copyOf(byChannel.keySet());
  }

  private void fireFreed(String channel) {
    changes.bump();
    freedListeners.forEach(listener -> listener.accept(channel));
  }
}
