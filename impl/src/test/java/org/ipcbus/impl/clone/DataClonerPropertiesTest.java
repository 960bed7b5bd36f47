package org.ipcbus.impl.clone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ipcbus.api.DataCloneException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the clone over generated values: anything built from the supported types comes
 * back equal, and anything holding an unsupported value anywhere is refused.
 */
class DataClonerPropertiesTest {

  private static final CloneLimits LIMITS = CloneLimits.DEFAULTS;

  @Property(tries = 500)
  void supportedValuesSurviveTheCloneEqual(@ForAll("plainData") Object value) {
    assertEquals(value, DataCloner.cloneValue(value, "value", LIMITS));
  }

  @Property(tries = 200)
  void primitiveArraysAreCopiedEqual(@ForAll byte[] bytes, @ForAll int[] ints, @ForAll double[] doubles) {
    Object[] clone = DataCloner.cloneArgs(new Object[] {bytes, ints, doubles}, LIMITS);
    assertArrayEquals(bytes, (byte[]) clone[0]);
    assertArrayEquals(ints, (int[]) clone[1]);
    assertArrayEquals(doubles, (double[]) clone[2]);
  }

  @Property(tries = 500)
  void anUnsupportedValueAnywhereIsRefused(@ForAll("plainData") Object value,
      @ForAll("unsupported") Object intruder, @ForAll("wrappings") List<Integer> path) {
    Object poisoned = hide(intruder, value, path);
    DataCloneException e = assertThrows(DataCloneException.class,
        () -> DataCloner.cloneValue(poisoned, "value", LIMITS));
    assertTrue(e.getMessage().endsWith(intruder.getClass().getName() + " cannot be cloned"), e.getMessage());
  }

  /** Wraps the intruder in lists and maps, next to supported data, as the path says. */
  private static Object hide(Object intruder, Object neighbour, List<Integer> path) {
    Object hidden = intruder;
    for (int step : path) {
      hidden = switch (step) {
        case 0 -> Arrays.asList(neighbour, hidden);
        case 1 -> Map.of("inner", hidden, "other", String.valueOf(neighbour));
        default -> new ArrayList<>(List.of(hidden));
      };
    }
    return hidden;
  }

  @Provide
  Arbitrary<Object> plainData() {
    return Arbitraries.recursive(DataClonerPropertiesTest::scalars, DataClonerPropertiesTest::containers, 0, 4);
  }

  @Provide
  Arbitrary<Object> unsupported() {
    return Arbitraries.of(new Object(), new StringBuilder("text"), Thread.currentThread(),
        new java.util.concurrent.atomic.AtomicInteger(1));
  }

  @Provide
  Arbitrary<List<Integer>> wrappings() {
    return Arbitraries.integers().between(0, 2).list().ofMaxSize(6);
  }

  private static Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20),
        Arbitraries.integers(),
        Arbitraries.longs(),
        Arbitraries.doubles(),
        Arbitraries.of(true, false),
        Arbitraries.bigDecimals().ofScale(3).map(BigDecimal.class::cast),
        Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond),
        Arbitraries.create(UUID::randomUUID),
        Arbitraries.just(null));
  }

  private static Arbitrary<Object> containers(Arbitrary<Object> element) {
    return Arbitraries.oneOf(
        element.list().ofMaxSize(5).map(Object.class::cast),
        element.set().ofMaxSize(5).map(Object.class::cast),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(8), element).ofMaxSize(5)
            .map(Object.class::cast));
  }
}
