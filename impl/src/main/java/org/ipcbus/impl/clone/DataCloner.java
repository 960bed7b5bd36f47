package org.ipcbus.impl.clone;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ipcbus.api.DataCloneException;

/**
 * Deep-copies values to plain data; ipcbus's Structured Clone.
 *
 * <p>Immutable values (null, String, Boolean, the boxed and java.math numbers, Character, UUID,
 * java.time values) are shared as they are. Primitive arrays are copied. Lists, Object[] and sets
 * become ArrayList and LinkedHashSet, maps LinkedHashMap (iteration order kept), enums their name,
 * records and OSGi DTOs a LinkedHashMap of their components or public fields. A container reached
 * twice is copied once, so shared and cyclic graphs keep their shape. Everything else is refused
 * with a {@link DataCloneException} that names the path of the value.
 *
 * <p>The size of a clone is estimated as: 2 bytes per char of a string, the element size for
 * primitive arrays, and 8 bytes for every other value (a reference or a scalar).
 *
 * <p>One instance clones one message and is not thread safe; use {@link #cloneMessage},
 * {@link #cloneArgs} or {@link #cloneValue}. The instance {@link #cloneMessage} returns carries the
 * copy and its estimated size, which the bus counts against its queues' byte budget: the size is
 * measured once, by the clone itself, and returning it costs no allocation.
 */
public final class DataCloner {

  private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class,
      Integer.class, Long.class, Short.class, Byte.class, Double.class, Float.class,
      Character.class, BigInteger.class, BigDecimal.class, UUID.class, Instant.class,
      LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class,
      OffsetTime.class, ZonedDateTime.class, Duration.class, Period.class, Year.class,
      YearMonth.class, MonthDay.class, DayOfWeek.class, Month.class);

  private static final Object[] NO_ARGS = new Object[0];
  private static final int REFERENCE_BYTES = 8;
  /** The clone of a message without arguments: nothing to copy, 0 bytes. Shared; never changes. */
  private static final DataCloner NO_MESSAGE = new DataCloner(CloneLimits.DEFAULTS);

  private final CloneLimits limits;
  private long bytes;
  private Object[] args = NO_ARGS;
  /** Copies of the containers seen so far; made on the first container, as most messages have none. */
  private IdentityHashMap<Object, Object> copies;

  private DataCloner(CloneLimits limits) {
    this.limits = limits;
  }

  /**
   * Clones the arguments of a message and measures them. The paths in errors start with
   * {@code args[i]}.
   *
   * @param args the arguments; null is taken as no arguments
   * @param limits the bounds
   * @return the clone: the copied arguments ({@link #args()}) and their estimated size
   *     ({@link #bytes()})
   * @throws DataCloneException if a value cannot be cloned or a bound is exceeded
   */
  public static DataCloner cloneMessage(Object[] args, CloneLimits limits) {
    if (args == null || args.length == 0) {
      return NO_MESSAGE;
    }
    DataCloner cloner = new DataCloner(limits);
    Object[] copy = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      try {
        copy[i] = cloner.copy(args[i], 1);
      } catch (Failure failure) {
        throw failure.toException("args[" + i + "]");
      }
    }
    cloner.args = copy;
    cloner.copies = null; // only needed while copying
    return cloner;
  }

  /**
   * Clones call arguments. The paths in errors start with {@code args[i]}.
   *
   * @param args the arguments; null is taken as no arguments
   * @param limits the bounds
   * @return a new array of cloned values
   * @throws DataCloneException if a value cannot be cloned or a bound is exceeded
   */
  public static Object[] cloneArgs(Object[] args, CloneLimits limits) {
    return cloneMessage(args, limits).args();
  }

  /** @return the copied arguments, after {@link #cloneMessage} */
  public Object[] args() {
    return args;
  }

  /**
   * @return the estimated size of the copy in bytes, as the size limit counts it: 2 per char of a
   *     string, the element size for primitive arrays, 8 for every other value; 0 for no arguments
   */
  public long bytes() {
    return bytes;
  }

  /**
   * Clones one value.
   *
   * @param value the value
   * @param name the name of the value in error paths, e.g. {@code "returnValue"}
   * @param limits the bounds
   * @return the clone
   * @throws DataCloneException if the value cannot be cloned or a bound is exceeded
   */
  public static Object cloneValue(Object value, String name, CloneLimits limits) {
    try {
      return new DataCloner(limits).copy(value, 1);
    } catch (Failure failure) {
      throw failure.toException(name);
    }
  }

  /**
   * The commonest arguments first, each a single compare of the class, before the set, which hashes
   * the class and probes its table for every argument of every message.
   */
  private static boolean isImmutable(Object value) {
    return value instanceof String || value instanceof Integer || value instanceof Long
        || value instanceof Double || value instanceof Boolean
        || IMMUTABLE.contains(value.getClass()) || value instanceof ZoneId;
  }

  private Object copy(Object value, int depth) {
    count(REFERENCE_BYTES);
    if (value == null || isImmutable(value)) {
      if (value instanceof String s) {
        count(2L * s.length());
      }
      return value;
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
      return copyPrimitiveArray(value);
    }
    if (depth > limits.maxDepth()) {
      throw new Failure("nested deeper than the limit of " + limits.maxDepth() + " levels");
    }
    Object known = copies == null ? null : copies.get(value);
    if (known != null) {
      return known;
    }
    if (value instanceof List<?> || value instanceof Object[]) {
      return copyList(value, depth);
    }
    if (value instanceof Set<?> set) {
      return copySet(set, depth);
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(map, map, depth);
    }
    PublicData data = PublicData.of(value.getClass());
    if (data != null) {
      Map<String, Object> fields;
      try {
        fields = data.read(value);
      } catch (IllegalStateException e) {
        throw new Failure(e.getMessage());
      }
      return copyMap(fields, value, depth);
    }
    throw new Failure(value.getClass().getName() + " cannot be cloned");
  }

  private Object copyPrimitiveArray(Object array) {
    count((long) Array.getLength(array) * elementBytes(array.getClass().getComponentType()));
    // clone() per type is an intrinsic copy; the reflective Array.newInstance path is slower.
    if (array instanceof byte[] bytes) {
      return bytes.clone();
    } else if (array instanceof int[] ints) {
      return ints.clone();
    } else if (array instanceof long[] longs) {
      return longs.clone();
    } else if (array instanceof double[] doubles) {
      return doubles.clone();
    } else if (array instanceof char[] chars) {
      return chars.clone();
    } else if (array instanceof boolean[] booleans) {
      return booleans.clone();
    } else if (array instanceof float[] floats) {
      return floats.clone();
    }
    return ((short[]) array).clone();
  }

  private List<Object> copyList(Object listOrArray, int depth) {
    List<?> source = listOrArray instanceof Object[] array ? Arrays.asList(array) : (List<?>) listOrArray;
    List<Object> copy = new ArrayList<>(source.size());
    remember(listOrArray, copy);
    int index = 0;
    for (Object element : source) {
      try {
        copy.add(copy(element, depth + 1));
      } catch (Failure failure) {
        throw failure.in("[" + index + "]");
      }
      index++;
    }
    return copy;
  }

  private Set<Object> copySet(Set<?> set, int depth) {
    Set<Object> copy = new LinkedHashSet<>(Math.max(16, (int) (set.size() / .75f) + 1));
    remember(set, copy);
    int index = 0;
    for (Object element : set) {
      try {
        copy.add(copy(element, depth + 1));
      } catch (Failure failure) {
        throw failure.in("[" + index + "]");
      }
      index++;
    }
    return copy;
  }

  /** Copies a map, or the fields of a record or DTO (original) read into one. */
  private Map<Object, Object> copyMap(Map<?, ?> map, Object original, int depth) {
    Map<Object, Object> copy = new LinkedHashMap<>(Math.max(16, (int) (map.size() / .75f) + 1));
    remember(original, copy);
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      try {
        copy.put(copy(key, depth + 1), copy(entry.getValue(), depth + 1));
      } catch (Failure failure) {
        // The path segment is built only on failure: building it per entry doubled the garbage.
        throw failure.in(key instanceof String name ? "." + name : "[" + key + "]");
      }
    }
    return copy;
  }

  private void remember(Object original, Object copy) {
    if (copies == null) {
      copies = new IdentityHashMap<>();
    }
    copies.put(original, copy);
  }

  private void count(long size) {
    bytes += size;
    if (bytes > limits.maxBytes()) {
      throw new Failure("the message is larger than the limit of " + limits.maxBytes() + " bytes");
    }
  }

  private static int elementBytes(Class<?> type) {
    if (type == byte.class || type == boolean.class) {
      return 1;
    }
    if (type == short.class || type == char.class) {
      return 2;
    }
    return type == int.class || type == float.class ? 4 : 8;
  }

  /**
   * A refusal on its way up the containers; each level adds its path segment. It has no stack
   * trace: it is turned into a DataCloneException at the top, which has the caller's.
   */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Deque<String> segments = new ArrayDeque<>();

    Failure(String reason) {
      super(reason, null, false, false);
    }

    Failure in(String segment) {
      segments.addFirst(segment);
      return this;
    }

    DataCloneException toException(String root) {
      return new DataCloneException(root + String.join("", segments), getMessage());
    }
  }
}
