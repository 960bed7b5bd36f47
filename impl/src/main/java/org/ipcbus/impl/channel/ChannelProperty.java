package org.ipcbus.impl.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.ipcbus.api.IpcConstants;

/** Reads the {@code ipc.channel} property of a whiteboard service. */
public final class ChannelProperty {

  private ChannelProperty() {}

  /**
   * Parses the property.
   *
   * @param value the property value: a String, String[] or Collection of strings
   * @return the channels, at least one, without duplicates
   * @throws IllegalArgumentException saying what is wrong with the value
   */
  public static List<String> parse(Object value) {
    List<String> channels = new ArrayList<>();
    if (value instanceof String channel) {
      channels.add(check(channel));
    } else if (value instanceof String[] array) {
      for (String channel : array) {
        add(channels, channel);
      }
    } else if (value instanceof Collection<?> collection) {
      for (Object channel : collection) {
        if (!(channel instanceof String name)) {
          throw new IllegalArgumentException(IpcConstants.CHANNEL + " must hold strings, but holds "
              + (channel == null ? "null" : channel.getClass().getName()));
        }
        add(channels, name);
      }
    } else {
      throw new IllegalArgumentException(IpcConstants.CHANNEL + " must be a String or String[], was "
          + (value == null ? "missing" : value.getClass().getName()));
    }
    if (channels.isEmpty()) {
      throw new IllegalArgumentException(IpcConstants.CHANNEL + " names no channel");
    }
    return channels;
  }

  private static void add(List<String> channels, String channel) {
    String checked = check(channel);
    if (!channels.contains(checked)) {
      channels.add(checked);
    }
  }

  private static String check(String channel) {
    try {
      return Channels.require(channel);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(IpcConstants.CHANNEL + ": " + e.getMessage(), e);
    }
  }
}
