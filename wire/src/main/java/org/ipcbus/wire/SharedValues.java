package org.ipcbus.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The value-sharing table of one message being read: the containers marked with tag 28, in the
 * order of their marks, which is what tag 29's index counts. It starts empty for every message:
 * a table that outlived its message would let one message reach into another's values.
 *
 * <p>Each entry also keeps the container's weight (see {@link HashBudget}), kept current while the
 * container is still being read, so that a reference from inside it (a cycle) is charged what its
 * hash code would visit at that moment.
 */
final class SharedValues {

  private final List<Object> containers = new ArrayList<>();
  private long[] weights = new long[4];

  /**
   * Registers a container as its tag 28 is read, before its elements.
   *
   * @return its index
   */
  int register(Object container) {
    int index = containers.size();
    containers.add(container);
    if (index == weights.length) {
      weights = Arrays.copyOf(weights, index * 2);
    }
    weights[index] = 1;
    return index;
  }

  /**
   * The container a tag 29 refers to.
   *
   * @throws WireFormatException if no container has been marked with that index yet
   */
  Object get(long index) {
    if (index < 0 || index >= containers.size()) {
      int known = containers.size();
      throw new WireFormatException("tag 29 refers to shared value " + Long.toUnsignedString(index)
          + " but only " + known + " " + (known == 1 ? "is" : "are") + " marked before it");
    }
    return containers.get((int) index);
  }

  /** The current weight of the container at an index that {@link #get} accepted. */
  long weight(long index) {
    return weights[(int) index];
  }

  /** Updates the weight of a container while its elements are read. */
  void setWeight(int index, long weight) {
    weights[index] = weight;
  }
}
