package org.ipcbus.impl.bus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link ChannelStats} of each channel main was sent a message on. Channel names come from
 * renderers, so the number of channels counted is bounded: a renderer sending on ever new names
 * must not grow main's memory without end. Past the bound, new channels are not counted.
 */
public final class ChannelCounters {

  /** The most channels counted. */
  static final int MAX_CHANNELS = 10_000;

  private final Map<String, ChannelStats> byChannel = new ConcurrentHashMap<>();
  private final AtomicBoolean boundReached = new AtomicBoolean();
  private final ChangeCount changes;
  private final BusLog log;

  ChannelCounters(ChangeCount changes, BusLog log) {
    this.changes = changes;
    this.log = log;
  }

  /**
   * Returns the counters of a channel, creating them while under the bound.
   *
   * @param channel the channel
   * @return its counters, or a detached instance past the bound
   */
  ChannelStats of(String channel) {
    ChannelStats stats = byChannel.get(channel);
    if (stats != null) {
      return stats;
    }
    if (byChannel.size() >= MAX_CHANNELS) {
      if (boundReached.compareAndSet(false, true)) {
        log.warn("More than " + MAX_CHANNELS + " channels were used; new channels are not counted");
      }
      return new ChannelStats();
    }
    ChannelStats created = new ChannelStats();
    stats = byChannel.putIfAbsent(channel, created);
    if (stats == null) {
      changes.bump();
      return created;
    }
    return stats;
  }

  /**
   * @param channel a channel
   * @return its counters, or null if no message was sent on it
   */
  public ChannelStats get(String channel) {
    return byChannel.get(channel);
  }

  /** @return the counted channels */
  public Iterable<String> channels() {
    return byChannel.keySet();
  }
}
