package org.ipcbus.benchmarks.support;

/**
 * What any bus must hand over per message at the least: a fresh object with the channel and a
 * copy of the arguments, made on the sending thread. Sent through a plain queue
 * ({@link QueueConsumer}), it shows what carrying a message costs apart from the bus itself.
 *
 * @param channel the channel
 * @param args the copied arguments
 */
public record Envelope(String channel, Object[] args) {

  /**
   * @param channel the channel
   * @param arg the one argument, copied into a new array as a bus's clone does
   * @return a new envelope
   */
  public static Envelope of(String channel, Object arg) {
    return new Envelope(channel, new Object[] {arg});
  }
}
