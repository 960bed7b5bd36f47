package org.ipcbus.wire;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Bounds the work that hashing set elements and map keys may cost one message, so that a hostile
 * frame cannot make the decoder hang.
 *
 * <p>Two attacks need this. A list that holds a shared list twice, which holds another twice, and
 * so on, is a few bytes per level with value sharing but has 2^n elements to hash once put in a
 * set (a "billion laughs" for hash codes). And many elements with one hash code (easy to craft for
 * lists, and for mixed types) make every insertion compare against all the others. So each element
 * is charged its weight (how many values its hash code visits, sharing expanded) times one plus the
 * number of elements already in that set with the same hash code, against a budget proportional to
 * the frame size. Ordinary data stays far below it.
 *
 * <p>Text-keyed maps do not need this: String hash codes are cached and String keys that collide
 * are kept in sorted bins by HashMap, as String is Comparable.
 */
final class HashBudget {

  /** Work allowed per byte of frame; generous, as real sets of lists collide a little. */
  static final long PER_BYTE = 32;
  /** Work allowed on top, so that small frames are not limited by their size. */
  static final long BASE = 1 << 16;

  private long left;

  HashBudget(int frameBytes) {
    this.left = BASE + PER_BYTE * frameBytes;
  }

  /** Counts of hash codes seen in one set or map; one per container being read. */
  static final class Counts {
    private final Map<Integer, Integer> counts = new HashMap<>();
  }

  /**
   * Charges one element about to be added to a set or used as a map key.
   *
   * @param counts the hash codes of the container's elements so far
   * @param element the element
   * @param weight the number of values its hash code visits
   * @throws WireFormatException if the budget is spent, or the hash code never ends (a cycle)
   */
  void charge(Counts counts, Object element, long weight) {
    // Charge the hash code before computing it: for a "billion laughs" it would never finish.
    spend(weight);
    int hash;
    try {
      hash = element == null ? 0 : element.hashCode();
    } catch (StackOverflowError e) {
      throw new WireFormatException("a set element or map key contains itself in a way that makes "
          + "its hash code endless");
    }
    int same = counts.counts.merge(hash, 1, Integer::sum);
    if (same > 1) {
      // The set will compare it with each element of the same hash code, at most its weight each.
      spend(weight >= Long.MAX_VALUE / same ? Long.MAX_VALUE : weight * (same - 1));
    }
  }

  private void spend(long cost) {
    if (cost > left) {
      left = -1;
      throw new WireFormatException("hashing the set elements and map keys of this message would "
          + "take too long (hash flooding, or shared values nested too often)");
    }
    left -= cost;
  }

  /** Set.add, where equals() on self-containing elements could recurse without end. */
  static boolean add(Set<Object> set, Object element) {
    try {
      return set.add(element);
    } catch (StackOverflowError e) {
      throw new WireFormatException("a set element contains itself in a way that makes comparing "
          + "it endless");
    }
  }

  /** Map.put; true if the key was already there. */
  static boolean put(Map<Object, Object> map, Object key, Object value) {
    try {
      int size = map.size();
      map.put(key, value);
      return map.size() == size;
    } catch (StackOverflowError e) {
      throw new WireFormatException("a map key contains itself in a way that makes comparing it "
          + "endless");
    }
  }
}
