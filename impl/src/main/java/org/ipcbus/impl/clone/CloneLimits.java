package org.ipcbus.impl.clone;

/**
 * Bounds on what one clone may produce, so that a hostile or mistaken payload fails with a clear
 * {@link org.ipcbus.api.DataCloneException} instead of a StackOverflowError or an exhausted heap.
 *
 * @param maxDepth how deep containers may nest (the arguments array itself is depth 0)
 * @param maxBytes the estimated size of the cloned data, see {@link DataCloner}
 */
public record CloneLimits(int maxDepth, long maxBytes) {

  /** The default nesting limit. */
  public static final int DEFAULT_MAX_DEPTH = 256;
  /**
   * The highest nesting limit that may be set: the clone recurses once per level, and deeper
   * recursion could overflow a thread's stack.
   */
  public static final int HIGHEST_MAX_DEPTH = 1024;
  /** The default size limit: 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
  /** The defaults. */
  public static final CloneLimits DEFAULTS = new CloneLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_BYTES);

  /** Checks the bounds are positive. */
  public CloneLimits {
    if (maxDepth < 1 || maxDepth > HIGHEST_MAX_DEPTH) {
      throw new IllegalArgumentException("maxDepth must be from 1 to " + HIGHEST_MAX_DEPTH
          + ", was " + maxDepth);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
    }
  }
}
