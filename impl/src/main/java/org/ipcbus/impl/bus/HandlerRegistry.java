package org.ipcbus.impl.bus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.ipcbus.api.IpcMainHandler;

/**
 * The one handler of each channel, as Electron's {@code ipcMain.handle} keeps it. A handler the
 * access policy suspends keeps its channel until it is restored, unless an allowed handler comes
 * for the channel: then the suspended one gives way for good, so that a refused bundle cannot hold
 * a channel against the bundles the policy lets handle it.
 */
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
    return new ListenerEntry<>(handler, once, owner, null);
  }

  /**
   * Makes the entry of a handler that a bundle registered.
   *
   * @param handler the handler
   * @param once whether it is removed before it runs
   * @param owner who set it: a client of a bundle, or a whiteboard service reference
   * @param actor the bundle that registered it, which sends as main when the handler replies
   * @return the entry
   */
  public static ListenerEntry<IpcMainHandler> entry(IpcMainHandler handler, boolean once, Object owner,
      Actor actor) {
    return new ListenerEntry<>(handler, once, owner, actor);
  }

  private final Map<String, ListenerEntry<IpcMainHandler>> byChannel = new ConcurrentHashMap<>();
  private final List<Consumer<String>> freedListeners = new CopyOnWriteArrayList<>();
  private final ChangeCount changes;
  private final BusLog log;

  /**
   * Creates an empty registry.
   *
   * @param changes bumped whenever a handler is set or removed
   * @param log told of a suspended handler that gave way
   */
  public HandlerRegistry(ChangeCount changes, BusLog log) {
    this.changes = changes;
    this.log = log;
  }

  /**
   * Sets the handler of a channel.
   *
   * @param channel the channel
   * @param entry the handler
   * @throws IllegalStateException if the channel has a handler
   */
  public void set(String channel, ListenerEntry<IpcMainHandler> entry) {
    if (!trySet(channel, entry)) {
      throw new IllegalStateException("Attempted to register a second handler for '" + channel + "'");
    }
  }

  /**
   * Sets the handler of a channel if it has none.
   *
   * @param channel the channel
   * @param entry the handler
   * @return whether it was set
   */
  public boolean trySet(String channel, ListenerEntry<IpcMainHandler> entry) {
    while (true) {
      ListenerEntry<IpcMainHandler> current = byChannel.putIfAbsent(channel, entry);
      if (current == null) {
        changes.bump();
        return true;
      }
      if (current.denial() == null) {
        return false;
      }
      if (replace(channel, current, entry)) {
        log.warn("The handler of channel '" + channel + "' set by " + current.actor() + ", which the "
            + "access policy suspended, gave way for good to a handler of " + entry.actor());
        return true;
      }
      // It changed meanwhile: look again.
    }
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
      // A suspended once handler is not used up: the dispatcher finds it closed.
      if (entry == null || !entry.once() || entry.denial() != null) {
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

  /**
   * Calls an action with each channel's handler, as they are now.
   *
   * @param action told the channel and the handler
   */
  public void forEach(BiConsumer<String, ListenerEntry<IpcMainHandler>> action) {
    byChannel.forEach(action);
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
