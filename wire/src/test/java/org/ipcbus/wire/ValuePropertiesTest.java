package org.ipcbus.wire;

import static org.junit.jupiter.api.Assertions.assertNull;

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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random values built from every supported type, nested up to depth 4, with containers shared
 * and containing their ancestors or themselves, survive encode and decode with the same shape.
 */
class ValuePropertiesTest {

  @Property(tries = 300)
  void everyValueSurvivesWithItsShape(@ForAll("values") Object value,
      @ForAll("links") List<int[]> links) {
    Object linked = link(value, links);
    Statistics.label("shape").collect(shape(linked));
    Object back = ValueCodec.decode(ValueCodec.encode(linked), WireLimits.DEFAULTS);
    assertNull(Shapes.difference(linked, back));
    Statistics.label("shape").coverage(coverage -> {
      coverage.check("cyclic").count(tries -> tries >= 20);
      coverage.check("shared").count(tries -> tries >= 20);
    });
  }

  /** "cyclic" if a container reaches itself, "shared" if one is reached twice, else "tree". */
  private static String shape(Object value) {
    Map<Object, Boolean> open = new IdentityHashMap<>(); // true while its elements are visited
    String[] shape = {"tree"};
    visit(value, open, shape);
    return shape[0];
  }

  private static void visit(Object value, Map<Object, Boolean> open, String[] shape) {
    if (!(value instanceof List<?> || value instanceof Map<?, ?>)) {
      return;
    }
    Boolean visiting = open.get(value);
    if (visiting != null) {
      shape[0] = visiting ? "cyclic" : shape[0].equals("cyclic") ? "cyclic" : "shared";
      return;
    }
    open.put(value, true);
    (value instanceof List<?> list ? list : ((Map<?, ?>) value).values())
        .forEach(element -> visit(element, open, shape));
    open.put(value, false);
  }

  @Property(tries = 100)
  void argumentsOfAMessageShareOneTable(@ForAll("values") Object first,
      @ForAll("values") Object second, @ForAll("links") List<int[]> links) {
    List<Object> args = new ArrayList<>(List.of("channel-arg"));
    args.add(first);
    args.add(second);
    Object linked = link(args, links);
    WireMessage.Invoke invoke = new WireMessage.Invoke(1, 2, "c", (List<Object>) linked);
    WireMessage.Invoke back = (WireMessage.Invoke) MessageCodec.decode(
        MessageCodec.encode(invoke), WireLimits.DEFAULTS);
    assertNull(Shapes.difference(new ArrayList<>(invoke.args()), new ArrayList<>(back.args())));
  }

  /**
   * Adds references between the value's lists and text maps. Link {a, b, 0} puts container b into
   * container a, so b becomes shared, and a cycle if b is a's ancestor or a itself; link {a, b, 1}
   * puts one new list into both a and b, shared without a cycle. Sets and map keys hold only
   * scalars here, so changing a container never breaks a hash code.
   */
  @SuppressWarnings("unchecked")
  private static Object link(Object value, List<int[]> links) {
    List<Object> containers = new ArrayList<>();
    collect(value, containers, new IdentityHashMap<>());
    List<Object> targets = new ArrayList<>(containers);
    containers.removeIf(c -> !(c instanceof List) && !(c instanceof Map<?, ?> m
        && m.keySet().stream().allMatch(String.class::isInstance)));
    if (containers.isEmpty()) {
      return value;
    }
    for (int i = 0; i < links.size(); i++) {
      int[] link = links.get(i);
      Object from = containers.get(link[0] % containers.size());
      if (link[2] == 0) {
        put(from, targets.get(link[1] % targets.size()), "link" + i);
      } else {
        List<Object> fresh = new ArrayList<>(List.of("shared " + i));
        put(from, fresh, "link" + i);
        put(containers.get(link[1] % containers.size()), fresh, "also" + i);
      }
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static void put(Object container, Object element, String key) {
    if (container instanceof List<?> list) {
      ((List<Object>) list).add(element);
    } else {
      ((Map<Object, Object>) container).put(key, element);
    }
  }

  private static void collect(Object value, List<Object> into, Map<Object, Boolean> seen) {
    if (value instanceof List<?> || value instanceof Map<?, ?> || value instanceof java.util.Set<?>) {
      if (seen.put(value, true) != null) {
        return;
      }
      into.add(value);
      if (value instanceof List<?> list) {
        list.forEach(element -> collect(element, into, seen));
      } else if (value instanceof Map<?, ?> map) {
        map.values().forEach(element -> collect(element, into, seen));
      }
    }
  }

  @Provide
  Arbitrary<List<int[]>> links() {
    return Combinators.combine(Arbitraries.integers().between(0, 1000),
        Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 1))
        .as((from, to, kind) -> new int[] {from, to, kind}).list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.recursive(ValuePropertiesTest::scalars, ValuePropertiesTest::containers, 0, 4);
  }

  private static Arbitrary<Object> containers(Arbitrary<Object> element) {
    return Arbitraries.oneOf(
        element.list().ofMaxSize(4).map(list -> (Object) new ArrayList<>(list)),
        scalars().set().ofMaxSize(4).map(set -> (Object) new LinkedHashSet<>(set)),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), element).ofMaxSize(4)
            .map(map -> (Object) new LinkedHashMap<>(map)),
        Arbitraries.maps(scalars(), element).ofMaxSize(3)
            .map(map -> (Object) new LinkedHashMap<>(map)));
  }

  /** Every scalar type the clone produces. */
  static Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.oneOf(numbers()),
        Arbitraries.oneOf(texts()),
        Arbitraries.oneOf(arrays()),
        Arbitraries.oneOf(times()),
        Arbitraries.oneOf(moreTimes()));
  }

  private static List<Arbitrary<?>> numbers() {
    return List.of(
        Arbitraries.integers(), Arbitraries.longs(), Arbitraries.shorts(), Arbitraries.bytes(),
        Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(-0.0),
        Arbitraries.floats().withSpecialValue(Float.POSITIVE_INFINITY),
        Arbitraries.bigIntegers().between(BigInteger.TWO.pow(100).negate(), BigInteger.TWO.pow(100)),
        Arbitraries.bigDecimals().between(new BigDecimal("-1e20"), new BigDecimal("1e20"))
            .ofScale(5),
        Arbitraries.of(true, false), Arbitraries.just(null));
  }

  private static List<Arbitrary<?>> texts() {
    return List.of(
        Arbitraries.strings().ofMaxLength(20).filter(ValuePropertiesTest::wellFormed),
        Arbitraries.chars(),
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new),
        Arbitraries.of(ZoneId.of("Europe/Paris"), ZoneId.of("UTC"), ZoneOffset.UTC,
            ZoneOffset.ofHoursMinutes(-3, -30), ZoneId.of("Asia/Kolkata")));
  }

  private static List<Arbitrary<?>> arrays() {
    return List.of(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(8),
        Arbitraries.shorts().array(short[].class).ofMaxSize(8),
        Arbitraries.integers().array(int[].class).ofMaxSize(8),
        Arbitraries.longs().array(long[].class).ofMaxSize(8),
        Arbitraries.floats().array(float[].class).ofMaxSize(8),
        Arbitraries.doubles().array(double[].class).ofMaxSize(8),
        Arbitraries.chars().array(char[].class).ofMaxSize(8),
        Arbitraries.of(true, false).array(boolean[].class).ofMaxSize(8));
  }

  private static List<Arbitrary<?>> times() {
    Arbitrary<Long> epochSeconds = Arbitraries.longs().between(Instant.MIN.getEpochSecond(),
        Instant.MAX.getEpochSecond());
    Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
        Arbitraries.integers().between(0, 999_999_999));
    Arbitrary<LocalDateTime> dateTimes = Combinators.combine(Arbitraries.longs().between(
        -200_000_000_000L, 200_000_000_000L), nanos).as((s, n) -> LocalDateTime.ofEpochSecond(s, n,
        ZoneOffset.UTC));
    Arbitrary<ZoneOffset> offsets = Arbitraries.integers().between(-18 * 3600, 18 * 3600)
        .map(ZoneOffset::ofTotalSeconds);
    return List.of(
        Combinators.combine(epochSeconds, nanos).as(Instant::ofEpochSecond),
        dateTimes,
        dateTimes.map(LocalDateTime::toLocalDate),
        dateTimes.map(LocalDateTime::toLocalTime),
        Combinators.combine(dateTimes, offsets).as(OffsetDateTime::of),
        Combinators.combine(dateTimes, offsets).as((d, o) -> OffsetTime.of(d.toLocalTime(), o)),
        Combinators.combine(dateTimes, Arbitraries.of(ZoneId.of("Europe/Paris"),
            ZoneId.of("America/New_York"), ZoneOffset.ofHours(3))).as(ZonedDateTime::of));
  }

  private static List<Arbitrary<?>> moreTimes() {
    return List.of(
        Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 999_999_999))
            .as(Duration::ofSeconds),
        Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers())
            .as(Period::of),
        Arbitraries.integers().between(Year.MIN_VALUE, Year.MAX_VALUE).map(Year::of),
        Combinators.combine(Arbitraries.integers().between(Year.MIN_VALUE, Year.MAX_VALUE),
            Arbitraries.integers().between(1, 12)).as(YearMonth::of),
        Combinators.combine(Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(1, 28)).as(MonthDay::of),
        Arbitraries.of(DayOfWeek.class), Arbitraries.of(Month.class));
  }

  /** No unpaired surrogates: such a String cannot be UTF-8 text, and encoding refuses it. */
  static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
