package org.ipcbus.wire;

import java.lang.reflect.Array;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a value with its decoded copy by shape: the same classes and scalar values, the same
 * order, and containers that are one object in the original are one object in the copy (and
 * distinct ones stay distinct). Unlike equals(), this ends on cycles.
 */
final class Shapes {

  private final Map<Object, Object> originalToCopy = new IdentityHashMap<>();
  private final Map<Object, Object> copyToOriginal = new IdentityHashMap<>();

  private Shapes() {
  }

  /** Null if the shapes match, else where and how they differ. */
  static String difference(Object original, Object copy) {
    return new Shapes().compare(original, copy, "value");
  }

  private String compare(Object original, Object copy, String path) {
    if (original == null || copy == null) {
      return original == copy ? null : path + ": " + original + " vs " + copy;
    }
    boolean container = original instanceof List || original instanceof Set
        || original instanceof Map;
    if (!container) {
      if (original.getClass() != copy.getClass()) {
        return path + ": class " + original.getClass() + " vs " + copy.getClass();
      }
      boolean same = original.getClass().isArray() ? arraysEqual(original, copy)
          : original.equals(copy);
      return same ? null : path + ": " + original + " vs " + copy;
    }
    Object seen = originalToCopy.get(original);
    if (seen != null) {
      return seen == copy ? null : path + ": a shared container was copied twice";
    }
    if (copyToOriginal.containsKey(copy)) {
      return path + ": two containers became one";
    }
    originalToCopy.put(original, copy);
    copyToOriginal.put(copy, original);
    if (original instanceof Set<?> set) {
      // Sets hold scalars in these tests; compared in order, as scalars (arrays by content).
      if (!(copy instanceof Set<?> other) || set.size() != other.size()) {
        return path + ": sets differ in size or type";
      }
      Iterator<?> copies = other.iterator();
      int i = 0;
      for (Object element : set) {
        String difference = compare(element, copies.next(), path + "{" + i++ + "}");
        if (difference != null) {
          return difference;
        }
      }
      return null;
    }
    if (original instanceof List<?> list) {
      if (!(copy instanceof List<?> other) || list.size() != other.size()) {
        return path + ": lists differ in size or type";
      }
      for (int i = 0; i < list.size(); i++) {
        String difference = compare(list.get(i), other.get(i), path + "[" + i + "]");
        if (difference != null) {
          return difference;
        }
      }
      return null;
    }
    Map<?, ?> map = (Map<?, ?>) original;
    if (!(copy instanceof Map<?, ?> other) || map.size() != other.size()) {
      return path + ": maps differ in size or type";
    }
    Iterator<? extends Map.Entry<?, ?>> copies = other.entrySet().iterator();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Map.Entry<?, ?> copied = copies.next();
      String keyDifference = compare(entry.getKey(), copied.getKey(), path + "{key}");
      if (keyDifference != null) {
        return keyDifference;
      }
      String difference = compare(entry.getValue(), copied.getValue(), path + "." + entry.getKey());
      if (difference != null) {
        return difference;
      }
    }
    return null;
  }

  private static boolean arraysEqual(Object a, Object b) {
    int length = Array.getLength(a);
    if (length != Array.getLength(b)) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (!Objects.equals(Array.get(a, i), Array.get(b, i))) { // boxed: NaN equals NaN
        return false;
      }
    }
    return true;
  }
}
