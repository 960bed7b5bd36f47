package org.ipcbus.impl.clone;

/**
 * Bounds on what one clone may produce, so that a hostile or mistaken payload fails with a clear
 * {@link org.ipcbus.api.DataCloneException} instead of a StackOverflowError or an exhausted heap.
 *
 * @param maxDepth how deep containers may nest (the arguments array itself is depth 0)
 * @param maxBytes the estimated size of the cloned data, see {@link DataCloner}
 */
public record CloneLimits(int maxDepth, long maxBytes) {

  /** The defaults: 256 levels, 64 MiB. */
  public static final CloneLimits DEFAULTS = new CloneLimits(256, 64L * 1024 * 1024);

  /** Checks the bounds are positive. */
  public CloneLimits {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
    }
  }
}
