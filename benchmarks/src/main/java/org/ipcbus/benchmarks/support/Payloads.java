package org.ipcbus.benchmarks.support;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The payloads of the payload scenario, built to a nominal heap size (1 KB, 64 KB, 1 MB):
 * <ul>
 *   <li>{@code bytes}: one {@code byte[]} of the nominal size;</li>
 *   <li>{@code list}: a flat ArrayList of immutable scalars (Long, Double, 16-char String), as an
 *       array of samples would be;</li>
 *   <li>{@code map}: a JSON-like LinkedHashMap of rows, each row a LinkedHashMap of four fields
 *       (Long id, String name, Double score, Boolean active), as a table would be.</li>
 * </ul>
 * The number of elements is chosen so that the whole object graph takes about the nominal size on
 * the heap; {@link #heapBytes} measures the exact size (the bytes allocated to build it).
 */
public final class Payloads {

  /** The payload kinds. */
  public static final List<String> KINDS = List.of("map", "list", "bytes");
  /** The nominal sizes. */
  public static final List<Integer> SIZES = List.of(1024, 64 * 1024, 1024 * 1024);

  private static final int CALIBRATION_ELEMENTS = 4096;
  private static final Map<String, Long> PER_ELEMENT = new ConcurrentHashMap<>();

  private Payloads() {}

  /**
   * Builds a payload.
   *
   * @param kind map, list or bytes
   * @param nominalBytes the size it should take on the heap
   * @return a new payload
   */
  public static Object build(String kind, int nominalBytes) {
    return switch (kind) {
      case "bytes" -> bytes(nominalBytes);
      case "list" -> list(elements(kind, nominalBytes, Payloads::list));
      case "map" -> map(elements(kind, nominalBytes, Payloads::map));
      default -> throw new IllegalArgumentException("unknown payload kind " + kind);
    };
  }

  /**
   * Measures the heap size of a payload: the bytes the current thread allocates to build it.
   *
   * @param kind map, list or bytes
   * @param nominalBytes the nominal size
   * @return the payload's heap size in bytes
   */
  public static long heapBytes(String kind, int nominalBytes) {
    build(kind, nominalBytes); // classes loaded, calibration done
    long overhead = allocatedBytes();
    overhead = allocatedBytes() - overhead; // what reading the counter allocates itself
    long before = allocatedBytes();
    Object payload = build(kind, nominalBytes);
    long size = allocatedBytes() - before - overhead;
    if (payload == null) {
      throw new AssertionError();
    }
    return size;
  }

  /** @return the number of top-level elements (rows, list items or bytes) of a payload */
  public static int elementCount(Object payload) {
    if (payload instanceof byte[] bytes) {
      return bytes.length;
    }
    if (payload instanceof List<?> list) {
      return list.size();
    }
    return ((Map<?, ?>) payload).size();
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static List<Object> list(int elements) {
    List<Object> list = new ArrayList<>(elements);
    for (int i = 0; i < elements; i++) {
      list.add(switch (i % 3) {
        case 0 -> Long.valueOf(1_000_000L + i);
        case 1 -> Double.valueOf(i * 0.5);
        default -> "sample-" + (1_000_000_000 + i);
      });
    }
    return list;
  }

  private static Map<String, Object> map(int rows) {
    Map<String, Object> table = new LinkedHashMap<>();
    for (int i = 0; i < rows; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", Long.valueOf(1_000_000L + i));
      row.put("name", "name-" + (1_000_000 + i));
      row.put("score", Double.valueOf(i * 0.25));
      row.put("active", Boolean.valueOf(i % 2 == 0));
      table.put("row-" + (1_000_000 + i), row);
    }
    return table;
  }

  /** How many elements make about {@code nominalBytes}, from the measured size of a sample. */
  private static int elements(String kind, int nominalBytes, IntFunction<Object> builder) {
    long perElement = PER_ELEMENT.computeIfAbsent(kind, k -> {
      builder.apply(CALIBRATION_ELEMENTS);
      long before = allocatedBytes();
      Object sample = builder.apply(CALIBRATION_ELEMENTS);
      long bytes = allocatedBytes() - before;
      if (sample == null) {
        throw new AssertionError();
      }
      return Math.max(1, bytes / CALIBRATION_ELEMENTS);
    });
    return (int) Math.max(1, nominalBytes / perElement);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
