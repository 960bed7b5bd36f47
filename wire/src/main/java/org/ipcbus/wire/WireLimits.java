package org.ipcbus.wire;

/**
 * Bounds that the receiving side enforces on every frame, so that hostile or broken input fails with
 * a {@link WireFormatException} instead of exhausting the heap or the stack.
 *
 * @param maxFrameBytes the largest frame body accepted, in bytes (the 4-byte length prefix is not
 *     counted)
 * @param maxDepth how deep containers may nest inside one value: a list given as an argument is at
 *     depth 1, a list inside it at depth 2; the same meaning as ipcbus's clone limit
 */
public record WireLimits(int maxFrameBytes, int maxDepth) {

  /** The default frame limit: 16 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
  /**
   * The largest frame limit that may be set: a frame is read into one Java byte array, and arrays
   * a little short of {@code Integer.MAX_VALUE} are the most a JVM allocates.
   */
  public static final int HIGHEST_MAX_FRAME_BYTES = Integer.MAX_VALUE - 16;
  /** The default nesting limit, equal to the clone's. */
  public static final int DEFAULT_MAX_DEPTH = 256;
  /**
   * The highest nesting limit. Decoding recurses once per level, as the clone does, and needs
   * roughly 1 KiB of thread stack per level: the default limit fits any thread, the highest one
   * wants a reader thread created with a stack of 2 MiB or more. Too small a stack is reported as
   * a WireFormatException, never a StackOverflowError.
   */
  public static final int HIGHEST_MAX_DEPTH = 1024;
  /** The defaults. */
  public static final WireLimits DEFAULTS = new WireLimits(DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_DEPTH);

  /**
   * Checks that the bounds are in range.
   *
   * @param maxFrameBytes the largest frame body accepted, in bytes
   * @param maxDepth how deep containers may nest inside one value
   */
  public WireLimits {
    if (maxFrameBytes < 1 || maxFrameBytes > HIGHEST_MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be from 1 to " + HIGHEST_MAX_FRAME_BYTES
          + ", was " + maxFrameBytes);
    }
    if (maxDepth < 1 || maxDepth > HIGHEST_MAX_DEPTH) {
      throw new IllegalArgumentException("maxDepth must be from 1 to " + HIGHEST_MAX_DEPTH
          + ", was " + maxDepth);
    }
  }
}
