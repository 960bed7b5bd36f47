package org.ipcbus.benchmarks.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline of the clone: a hand-written deep copy of the payloads' shapes (maps, lists,
 * byte[]), sharing immutable leaves as the clone does, with none of its checks (no type test
 * against a list of allowed classes, no size or depth limit, no tracking of shared or cyclic
 * containers).
 */
public final class PlainCopy {

  private PlainCopy() {}

  /**
   * @param value a payload
   * @return its deep copy
   */
  public static Object deepCopy(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        copy.add(deepCopy(element));
      }
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>(Math.max(16, (int) (map.size() / .75f) + 1));
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        copy.put(entry.getKey(), deepCopy(entry.getValue()));
      }
      return copy;
    }
    return value;
  }
}
