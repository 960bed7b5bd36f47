package org.ipcbus.benchmarks.process;

/**
 * The channels of the cross-process benchmarks: the same names as the renderer bundle of the child
 * ({@code benchmarks/child-bundle}, {@code org.ipcbus.benchmarks.child.BenchChild}), which this jar
 * cannot see at compile time. Every name has 8 characters, so that a SEND or DELIVER of the
 * Integer 4242 to a WebContents id below 24 is a 16-byte frame body, the body of the raw frames.
 */
final class Channels {

  /** main -> child: the child answers on {@link #ROUND_TRIP_BACK}. */
  static final String ROUND_TRIP = "bench/rt";
  /** child -> main: the answer. */
  static final String ROUND_TRIP_BACK = "bench/rb";
  /** main -> child: send this many messages on {@link #THROUGHPUT}. */
  static final String FLOOD = "bench/fl";
  /** child -> main: one message of a flood. */
  static final String THROUGHPUT = "bench/tp";
  /** child -> main: the child's renderer is ready (its pid). */
  static final String HELLO = "bench/hi";
  /** child -> main, sendSync: main's listener returns args[0]. */
  static final String SEND_SYNC = "bench/ss";
  /** child -> main, invoke: main's handler returns args[0]. */
  static final String INVOKE = "bench/iv";
  /** child -> main, send: main's listener answers with event.reply on {@link #REPLY}. */
  static final String ECHO = "bench/ec";
  /** main -> child: the reply. */
  static final String REPLY = "bench/re";

  /** What every benchmark sends. */
  static final Integer MESSAGE = 4242;

  private Channels() {}
}
