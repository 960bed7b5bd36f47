package org.ipcbus.impl.channel;

import java.util.Objects;

/** Checks the arguments every IPC method shares. */
public final class Channels {

  /** The longest channel name accepted; longer names are a mistake or an attack. */
  public static final int MAX_LENGTH = 256;

  private Channels() {}

  /**
   * Checks a channel name.
   *
   * @param channel the channel
   * @return the channel
   * @throws IllegalArgumentException if it is null, blank or longer than {@link #MAX_LENGTH}
   */
  public static String require(String channel) {
    if (channel == null) {
      throw new IllegalArgumentException("channel must not be null");
    }
    if (channel.isBlank()) {
      throw new IllegalArgumentException("channel must not be blank, was '" + channel + "'");
    }
    if (channel.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("channel must be at most " + MAX_LENGTH
          + " characters, was " + channel.length() + " characters starting '"
          + channel.substring(0, 32) + "...'");
    }
    return channel;
  }

  /**
   * Checks a listener or handler argument.
   *
   * @param <T> its type
   * @param value the argument
   * @param name the parameter's name
   * @return the argument
   * @throws NullPointerException if it is null, naming the parameter
   */
  public static <T> T requireNonNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }
}
