package org.ipcbus.impl.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.ipcbus.api.IpcMainHandler;

/** The one handler of each channel, as Electron's {@code ipcMain.handle} keeps it. */
public final class HandlerRegistry {

  /**
   * A handler set on a channel.
   *
   * @param handler the handler
   * @param once whether it is removed before it runs
   * @param owner who set it: a client of a bundle, or a whiteboard service reference
   */
  public record Entry(IpcMainHandler handler, boolean once, Object owner) {}

  private final Map<String, Entry> byChannel = new ConcurrentHashMap<>();
  private final List<Consumer<String>> freedListeners = new CopyOnWriteArrayList<>();

  /**
   * Sets the handler of a channel.
   *
   * @param channel the channel
   * @param entry the handler
   * @throws IllegalStateException if the channel has a handler
   */
  public void set(String channel, Entry entry) {
    if (byChannel.putIfAbsent(channel, entry) != null) {
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
  public boolean trySet(String channel, Entry entry) {
    return byChannel.putIfAbsent(channel, entry) == null;
  }

  /**
   * Replaces the handler of a channel if it is still the given one.
   *
   * @param channel the channel
   * @param expected the handler that is to go
   * @param entry the handler that takes its place
   * @return whether it was replaced
   */
  public boolean replace(String channel, Entry expected, Entry entry) {
    return byChannel.replace(channel, expected, entry);
  }

  /**
   * Returns the handler to run for one invoke; a {@code once} handler is removed here.
   *
   * @param channel the channel
   * @return the handler, or null if there is none
   */
  public Entry take(String channel) {
    while (true) {
      Entry entry = byChannel.get(channel);
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
  public Entry get(String channel) {
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
    Entry entry = byChannel.get(channel);
    if (entry != null && owners.test(entry.owner()) && byChannel.remove(channel, entry)) {
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

  private void fireFreed(String channel) {
    freedListeners.forEach(listener -> listener.accept(channel));
  }
}
