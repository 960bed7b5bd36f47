package org.ipcbus.wire;

import static org.ipcbus.wire.CborHead.ARRAY;
import static org.ipcbus.wire.CborHead.MAP;
import static org.ipcbus.wire.CborHead.TEXT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the values of one message (section "Values" of docs/PROTOCOL.md): plain CBOR items as their
 * natural Java types, tagged ones as the Java type the tag names, containers with value sharing.
 *
 * <p>One instance reads one message, with its own {@link SharedValues} table. A container is
 * registered before its elements are read, so a reference to it from inside (a cycle) finds it.
 */
final class ValueReader {

  /** Initial capacity cap: a declared count is only a claim until the elements have been read. */
  private static final int MAX_INITIAL_CAPACITY = 4096;

  private final CborInput in;
  private final ScalarReader scalars;
  private final int maxDepth;
  private final HashBudget budget;
  private final SharedValues shared = new SharedValues();
  /**
   * How many values the hash code of the value read last visits (shared values counted each
   * time they are reached); see {@link HashBudget}.
   */
  private long weight;

  ValueReader(CborInput in, WireLimits limits) {
    this.in = in;
    this.scalars = new ScalarReader(in);
    this.maxDepth = limits.maxDepth();
    this.budget = new HashBudget(in.end - in.start);
  }

  /**
   * Reads one value at depth 1.
   *
   * @param root the name of the value in error paths, e.g. "value"
   */
  Object readValue(String root) {
    try {
      return read(1);
    } catch (WireFormatException e) {
      throw e.under(root);
    }
  }

  /**
   * Reads an untagged array of values, each at depth 1 (the arguments of a call).
   *
   * @param root the name of the array in error paths, e.g. "args"
   */
  List<Object> readValues(String root) {
    try {
      CborHead head = in.peek();
      if (head.tagCount != 0 || head.major != ARRAY) {
        throw new WireFormatException("expected an array of values, got " + head.describe());
      }
      int count = head.length();
      in.next();
      List<Object> values = new ArrayList<>(Math.min(count, MAX_INITIAL_CAPACITY));
      for (int i = 0; i < count; i++) {
        values.add(element(i, 1));
      }
      in.expect(JsonToken.END_ARRAY);
      return values;
    } catch (WireFormatException e) {
      throw e.under(root);
    }
  }

  private Object read(int depth) {
    CborHead head = in.peek();
    weight = 1;
    if (head.tagCount == 0) {
      return untagged(head, depth);
    }
    long tag = head.tag(0);
    if (tag == CborTags.SHAREABLE) {
      return shareable(head, depth);
    }
    if (head.tagCount > 1) {
      throw new WireFormatException(head.describe() + " is misplaced: only tag 28 may precede "
          + "another tag");
    }
    if (tag < 0 || tag > Integer.MAX_VALUE) {
      throw new WireFormatException("unknown " + CborTags.describe(tag) + " on " + head.anItem());
    }
    switch ((int) tag) {
      case CborTags.SHARED_REF:
        return reference(head);
      case CborTags.SET:
        requireArray(head);
        return set(head, depth, false);
      case CborTags.MAP_ENTRIES:
        requireArray(head);
        return entries(head, depth, false);
      default:
        return scalars.read((int) tag, head);
    }
  }

  private Object untagged(CborHead head, int depth) {
    switch (head.major) {
      case CborHead.UNSIGNED, CborHead.NEGATIVE:
        in.next();
        return in.integer();
      case CborHead.BYTES:
        in.next();
        return in.binary();
      case TEXT:
        in.next();
        return in.text();
      case ARRAY:
        return list(head, depth, false);
      case MAP:
        return map(head, depth, false);
      default:
        return simple(head);
    }
  }

  private Object simple(CborHead head) {
    switch (head.info) {
      case CborHead.FALSE, CborHead.TRUE:
        in.next();
        return head.info == CborHead.TRUE;
      case CborHead.NULL, CborHead.UNDEFINED:
        in.next(); // JavaScript's undefined has no Java counterpart but null
        return null;
      case CborHead.FLOAT16, CborHead.FLOAT32, CborHead.FLOAT64:
        in.next();
        return in.floating();
      default:
        throw new WireFormatException("simple value "
            + (head.info == 24 ? head.argument : head.info) + " is not supported");
    }
  }

  /** Tag 28: only containers are shared, alone or under tag 258 or 48705. */
  private Object shareable(CborHead head, int depth) {
    if (head.tagCount == 1 && head.major == ARRAY) {
      return list(head, depth, true);
    } else if (head.tagCount == 1 && head.major == MAP) {
      return map(head, depth, true);
    } else if (head.tagCount == 2 && head.major == ARRAY && head.tag(1) == CborTags.SET) {
      return set(head, depth, true);
    } else if (head.tagCount == 2 && head.major == ARRAY && head.tag(1) == CborTags.MAP_ENTRIES) {
      return entries(head, depth, true);
    }
    throw new WireFormatException(head.describe() + " is misplaced: only arrays, maps, sets (258) "
        + "and entry maps (48705) can be marked shareable");
  }

  private Object reference(CborHead head) {
    if (head.major != CborHead.UNSIGNED) {
      throw new WireFormatException("tag 29 (shared reference) needs an unsigned integer, got "
          + head.anItem());
    }
    in.next();
    Object container = shared.get(head.argument);
    weight = shared.weight(head.argument);
    return container;
  }

  private List<Object> list(CborHead head, int depth, boolean shareable) {
    checkDepth(depth);
    int count = head.length();
    in.next();
    List<Object> list = new ArrayList<>(Math.min(count, MAX_INITIAL_CAPACITY));
    int index = shareable ? shared.register(list) : -1;
    long total = 1;
    for (int i = 0; i < count; i++) {
      list.add(element(i, depth + 1));
      total = addWeight(total, weight, index);
    }
    in.expect(JsonToken.END_ARRAY);
    weight = total;
    return list;
  }

  private Set<Object> set(CborHead head, int depth, boolean shareable) {
    checkDepth(depth);
    int count = head.length();
    in.next();
    Set<Object> set = new LinkedHashSet<>(capacity(count));
    int index = shareable ? shared.register(set) : -1;
    HashBudget.Counts hashes = new HashBudget.Counts();
    long total = 1;
    for (int i = 0; i < count; i++) {
      Object element = element(i, depth + 1);
      try {
        budget.charge(hashes, element, weight);
        if (!HashBudget.add(set, element)) {
          throw new WireFormatException("duplicate set element");
        }
      } catch (WireFormatException e) {
        throw e.under("[" + i + "]");
      }
      total = addWeight(total, weight, index);
    }
    in.expect(JsonToken.END_ARRAY);
    weight = total;
    return set;
  }

  /** A plain CBOR map: every key must be text (other keys travel as tag 48705). */
  private Map<Object, Object> map(CborHead head, int depth, boolean shareable) {
    checkDepth(depth);
    int count = head.length();
    in.next();
    Map<Object, Object> map = new LinkedHashMap<>(capacity(count));
    int index = shareable ? shared.register(map) : -1;
    long total = 1;
    for (int i = 0; i < count; i++) {
      CborHead keyHead = in.peek();
      if (keyHead.tagCount != 0 || keyHead.major != TEXT) {
        throw new WireFormatException("map key " + i + " is " + keyHead.describe() + ": a plain "
            + "map takes text keys only (maps with other keys are sent as tag 48705)");
      }
      in.next();
      String key = in.fieldName();
      Object value;
      try {
        value = read(depth + 1);
      } catch (WireFormatException e) {
        throw e.under("." + WireFormatException.shorten(key));
      }
      int size = map.size();
      map.put(key, value);
      if (map.size() == size) {
        throw new WireFormatException("duplicate map key \"" + WireFormatException.shorten(key)
            + "\"");
      }
      total = addWeight(total, addWeight(1, weight, -1), index);
    }
    in.expect(JsonToken.END_OBJECT);
    weight = total;
    return map;
  }

  /** Tag 48705: a map with keys of any type, as alternating keys and values. */
  private Map<Object, Object> entries(CborHead head, int depth, boolean shareable) {
    checkDepth(depth);
    if (head.length() % 2 != 0) {
      throw new WireFormatException("tag 48705 (map entries) needs an even number of items "
          + "(alternating keys and values), got " + head.length());
    }
    int count = head.length() / 2;
    in.next();
    Map<Object, Object> map = new LinkedHashMap<>(capacity(count));
    int index = shareable ? shared.register(map) : -1;
    HashBudget.Counts hashes = new HashBudget.Counts();
    long total = 1;
    for (int i = 0; i < count; i++) {
      String segment = "{key " + i + "}";
      try {
        Object key = read(depth + 1);
        long keyWeight = weight;
        budget.charge(hashes, key, keyWeight);
        segment = "{value " + i + "}";
        Object value = read(depth + 1);
        if (HashBudget.put(map, key, value)) {
          segment = "{key " + i + "}";
          throw new WireFormatException("duplicate map key");
        }
        total = addWeight(total, addWeight(keyWeight, weight, -1), index);
      } catch (WireFormatException e) {
        throw e.under(segment);
      }
    }
    in.expect(JsonToken.END_ARRAY);
    weight = total;
    return map;
  }

  private Object element(int i, int depth) {
    try {
      return read(depth);
    } catch (WireFormatException e) {
      throw e.under("[" + i + "]");
    }
  }

  private void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw new WireFormatException("nested deeper than " + maxDepth + " levels");
    }
  }

  private static void requireArray(CborHead head) {
    if (head.major != ARRAY) {
      throw new WireFormatException(CborTags.describe(head.tag(0)) + " needs an array, got "
          + head.anItem());
    }
  }

  /** Adds saturating, and keeps a shared container's weight current for references from inside. */
  private long addWeight(long total, long more, int sharedIndex) {
    long sum = total + more < 0 ? Long.MAX_VALUE : total + more;
    if (sharedIndex >= 0) {
      shared.setWeight(sharedIndex, sum);
    }
    return sum;
  }

  private static int capacity(int count) {
    return (int) Math.min(MAX_INITIAL_CAPACITY, count / 0.75f + 1);
  }
}
