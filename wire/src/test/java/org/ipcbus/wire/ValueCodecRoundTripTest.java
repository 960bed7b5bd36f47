package org.ipcbus.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every supported type comes back equal and of the same class; shared shapes keep their shape. */
class ValueCodecRoundTripTest {

  static Stream<Object> scalars() {
    return Stream.of(
        true, false, "", "ping", "\u00e9\u4e2d\ud83d\ude00",
        0, 1, -1, 23, 24, 255, 256, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE,
        0L, 5L, -5L, (long) Integer.MAX_VALUE, (long) Integer.MAX_VALUE + 1, Long.MAX_VALUE,
        Long.MIN_VALUE,
        (short) 0, (short) -300, Short.MAX_VALUE, Short.MIN_VALUE,
        (byte) 0, (byte) -1, Byte.MAX_VALUE, Byte.MIN_VALUE,
        0.0, -0.0, 1.5, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, 0.1,
        0f, 1.5f, -0f, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY, 0.1f,
        'a', '\0', '\uffff', '\ud800',
        BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(-1), BigInteger.TWO.pow(64),
        BigInteger.TWO.pow(200).negate(), BigInteger.valueOf(Long.MIN_VALUE),
        new BigDecimal("0"), new BigDecimal("1.50"), new BigDecimal("-1.5E-300"),
        new BigDecimal("123456789012345678901234567890.123456789"), new BigDecimal("1E+400"),
        new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE), new BigDecimal(BigInteger.TEN,
            Integer.MAX_VALUE),
        UUID.randomUUID(), new UUID(0, 0), new UUID(-1, -1),
        Instant.EPOCH, Instant.ofEpochSecond(1_700_000_000), Instant.ofEpochSecond(-1, 1),
        Instant.parse("2024-02-29T12:34:56.123456789Z"), Instant.MIN, Instant.MAX,
        LocalDate.of(2024, 2, 29), LocalDate.of(0, 1, 1), LocalDate.of(-5, 1, 1),
        LocalDate.of(10000, 12, 31), LocalDate.MIN, LocalDate.MAX,
        LocalTime.MIDNIGHT, LocalTime.of(10, 15), LocalTime.of(10, 15, 30, 5), LocalTime.MAX,
        LocalDateTime.of(2024, 1, 31, 10, 15), LocalDateTime.MIN, LocalDateTime.MAX,
        OffsetDateTime.of(2024, 1, 31, 10, 15, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.of(2024, 1, 31, 10, 15, 30, 1, ZoneOffset.ofHoursMinutes(5, 30)),
        OffsetDateTime.of(2024, 1, 31, 10, 15, 30, 1, ZoneOffset.ofHoursMinutesSeconds(1, 2, 3)),
        OffsetDateTime.MIN, OffsetDateTime.MAX,
        OffsetTime.of(10, 15, 0, 0, ZoneOffset.ofHours(-3)),
        ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
        ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, ZoneId.of("Europe/Paris")).withLaterOffsetAtOverlap(),
        ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC")),
        ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2)),
        Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
        Duration.ofSeconds(Long.MIN_VALUE),
        Period.ZERO, Period.of(1, -2, 3), Year.of(2024), Year.of(Year.MIN_VALUE),
        YearMonth.of(2024, 2), YearMonth.of(-20000, 1), YearMonth.of(10000, 1), MonthDay.of(2, 29),
        DayOfWeek.MONDAY, DayOfWeek.SUNDAY, Month.JANUARY, Month.DECEMBER,
        ZoneId.of("Europe/Paris"), ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(-9, -30),
        ZoneId.of("UTC"), ZoneId.of("GMT+02:00"));
  }

  @ParameterizedTest
  @MethodSource("scalars")
  void scalarComesBackEqualWithTheSameClass(Object value) {
    Object back = roundTrip(value);
    assertEquals(value, back);
    assertSame(value.getClass(), back.getClass());
  }

  @Test
  void nullComesBack() {
    assertEquals(null, roundTrip(null));
  }

  @Test
  void primitiveArraysComeBackEqual() {
    assertArrayEquals(new byte[] {1, -2, 127}, (byte[]) roundTrip(new byte[] {1, -2, 127}));
    assertArrayEquals(new short[] {1, -2, Short.MIN_VALUE}, (short[]) roundTrip(new short[] {1, -2, Short.MIN_VALUE}));
    assertArrayEquals(new int[] {1, -2, Integer.MAX_VALUE}, (int[]) roundTrip(new int[] {1, -2, Integer.MAX_VALUE}));
    assertArrayEquals(new long[] {1, -2, Long.MIN_VALUE}, (long[]) roundTrip(new long[] {1, -2, Long.MIN_VALUE}));
    assertArrayEquals(new float[] {1.5f, Float.NaN, -0f}, (float[]) roundTrip(new float[] {1.5f, Float.NaN, -0f}));
    assertArrayEquals(new double[] {1.5, Double.NaN, -0.0}, (double[]) roundTrip(new double[] {1.5, Double.NaN, -0.0}));
    assertArrayEquals(new char[] {'a', '\ud800', '\uffff'}, (char[]) roundTrip(new char[] {'a', '\ud800', '\uffff'}));
    assertArrayEquals(new boolean[] {true, false, true}, (boolean[]) roundTrip(new boolean[] {true, false, true}));
    assertArrayEquals(new int[0], (int[]) roundTrip(new int[0]));
    assertArrayEquals(new byte[0], (byte[]) roundTrip(new byte[0]));
  }

  @Test
  void containersComeBackEqualInOrderAndAsTheCloneTypes() {
    Map<Object, Object> mixedKeys = new LinkedHashMap<>();
    mixedKeys.put(3, "three");
    mixedKeys.put("two", 2L);
    mixedKeys.put(null, List.of());
    mixedKeys.put(List.of(1, 2), Set.of());
    mixedKeys.put(UUID.nameUUIDFromBytes(new byte[1]), null);
    Map<String, Object> textKeys = new LinkedHashMap<>();
    textKeys.put("z", 1);
    textKeys.put("a", Arrays.asList(null, "x"));
    textKeys.put("", new LinkedHashSet<>(List.of(3, 1, 2)));
    List<Object> value = new ArrayList<>(List.of(mixedKeys, textKeys, List.of(), Map.of(), Set.of()));

    Object back = roundTrip(value);

    assertEquals(value, back);
    List<?> list = (List<?>) back;
    assertSame(ArrayList.class, list.getClass());
    assertSame(LinkedHashMap.class, list.get(0).getClass());
    assertEquals(new ArrayList<>(mixedKeys.keySet()), new ArrayList<>(((Map<?, ?>) list.get(0)).keySet()));
    assertEquals(List.of("z", "a", ""), List.copyOf(((Map<?, ?>) list.get(1)).keySet()));
    Object set = ((Map<?, ?>) list.get(1)).get("");
    assertSame(LinkedHashSet.class, set.getClass());
    assertEquals(List.of(3, 1, 2), List.copyOf((Set<?>) set));
  }

  @Test
  void aListReachedTwiceComesBackAsOneList() {
    List<Object> shared = new ArrayList<>(List.of("x"));
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("a", shared);
    value.put("b", shared);

    Map<?, ?> back = (Map<?, ?>) roundTrip(value);

    assertEquals(value, back);
    assertSame(back.get("a"), back.get("b"));
  }

  @Test
  void sharedContainersOfEveryKindKeepTheirIdentity() {
    Set<Object> set = new LinkedHashSet<>(List.of(1, 2));
    Map<Object, Object> entries = new LinkedHashMap<>(Map.of(1, "one"));
    Map<String, Object> text = new LinkedHashMap<>(Map.of("k", "v"));
    List<Object> list = new ArrayList<>(List.of("l"));
    List<Object> value = new ArrayList<>(List.of(set, entries, text, list, list, text, entries, set));

    List<?> back = (List<?>) roundTrip(value);

    assertEquals(value, back);
    for (int i = 0; i < 4; i++) {
      assertSame(back.get(i), back.get(7 - i), "element " + i);
    }
  }

  @Test
  void aListContainingItselfComesBackContainingItself() {
    List<Object> cycle = new ArrayList<>();
    cycle.add("head");
    cycle.add(cycle);

    List<?> back = (List<?>) roundTrip(cycle);

    assertEquals(2, back.size());
    assertEquals("head", back.get(0));
    assertSame(back, back.get(1));
  }

  @Test
  void mapsAndSetsContainingThemselvesComeBack() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("self", map);
    Map<Object, Object> entries = new LinkedHashMap<>();
    entries.put(1, entries);
    Set<Object> set = new LinkedHashSet<>();
    set.add(set); // hashed while empty, as the decoder will
    List<Object> value = List.of(map, entries, set);

    List<?> back = (List<?>) roundTrip(value);

    Map<?, ?> mapBack = (Map<?, ?>) back.get(0);
    assertSame(mapBack, mapBack.get("self"));
    Map<?, ?> entriesBack = (Map<?, ?>) back.get(1);
    assertSame(entriesBack, entriesBack.get(1));
    Set<?> setBack = (Set<?>) back.get(2);
    assertSame(setBack, setBack.iterator().next());
  }

  @Test
  void sharingIsPerMessage() {
    List<Object> shared = new ArrayList<>(List.of(1));
    byte[] first = ValueCodec.encode(List.of(shared, shared));
    byte[] second = ValueCodec.encode(List.of(shared, shared));
    assertArrayEquals(first, second); // both start at shared index 0

    List<?> a = (List<?>) ValueCodec.decode(first, WireLimits.DEFAULTS);
    List<?> b = (List<?>) ValueCodec.decode(second, WireLimits.DEFAULTS);
    assertTrue(a.get(0) != b.get(0));
  }

  static Object roundTrip(Object value) {
    return ValueCodec.decode(ValueCodec.encode(value), WireLimits.DEFAULTS);
  }
}
