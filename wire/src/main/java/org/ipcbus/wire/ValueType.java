package org.ipcbus.wire;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Java types the value encoding supports, as the writer tells them apart: exactly the types
 * that ipcbus's clone (DataCloner) produces.
 */
enum ValueType {
  NULL, STRING, BOOLEAN, INTEGER, LONG, SHORT, BYTE, CHARACTER, DOUBLE, FLOAT, BIG_INTEGER,
  BIG_DECIMAL, UUID, BYTES, PRIMITIVE_ARRAY, INSTANT, DURATION, YEAR, DAY_OF_WEEK, MONTH,
  /** The java.time values sent as ISO-8601 text, see {@link JavaTime}. */
  TIME_TEXT,
  LIST, SET, MAP, UNSUPPORTED;

  private static final Map<Class<?>, ValueType> EXACT = Map.ofEntries(
      Map.entry(String.class, STRING), Map.entry(Boolean.class, BOOLEAN),
      Map.entry(Integer.class, INTEGER), Map.entry(Long.class, LONG), Map.entry(Short.class, SHORT),
      Map.entry(Byte.class, BYTE), Map.entry(Character.class, CHARACTER),
      Map.entry(Double.class, DOUBLE), Map.entry(Float.class, FLOAT),
      Map.entry(BigInteger.class, BIG_INTEGER), Map.entry(BigDecimal.class, BIG_DECIMAL),
      Map.entry(java.util.UUID.class, UUID), Map.entry(byte[].class, BYTES),
      Map.entry(short[].class, PRIMITIVE_ARRAY), Map.entry(int[].class, PRIMITIVE_ARRAY),
      Map.entry(long[].class, PRIMITIVE_ARRAY), Map.entry(float[].class, PRIMITIVE_ARRAY),
      Map.entry(double[].class, PRIMITIVE_ARRAY), Map.entry(char[].class, PRIMITIVE_ARRAY),
      Map.entry(boolean[].class, PRIMITIVE_ARRAY), Map.entry(Instant.class, INSTANT),
      Map.entry(Duration.class, DURATION), Map.entry(Year.class, YEAR),
      Map.entry(DayOfWeek.class, DAY_OF_WEEK), Map.entry(Month.class, MONTH),
      Map.entry(LocalDate.class, TIME_TEXT), Map.entry(LocalTime.class, TIME_TEXT),
      Map.entry(LocalDateTime.class, TIME_TEXT), Map.entry(OffsetDateTime.class, TIME_TEXT),
      Map.entry(OffsetTime.class, TIME_TEXT), Map.entry(ZonedDateTime.class, TIME_TEXT),
      Map.entry(Period.class, TIME_TEXT), Map.entry(YearMonth.class, TIME_TEXT),
      Map.entry(MonthDay.class, TIME_TEXT),
      // The clone's containers, so that the common case is one lookup, not interface checks.
      Map.entry(ArrayList.class, LIST), Map.entry(LinkedHashSet.class, SET),
      Map.entry(LinkedHashMap.class, MAP));

  /** True for LIST, SET and MAP. */
  boolean isContainer() {
    return this == LIST || this == SET || this == MAP;
  }

  /**
   * The type of a non-null value's class. (Not a ClassValue cache: entries stored on JDK classes
   * would pin the class loader of the bundle that embeds this package after it is updated.)
   */
  static ValueType of(Class<?> type) {
    ValueType exact = EXACT.get(type);
    if (exact != null) {
      return exact;
    }
    // ZoneId's classes (ZoneRegion, ZoneOffset) and the collection interfaces by assignment.
    if (ZoneId.class.isAssignableFrom(type)) {
      return TIME_TEXT;
    } else if (List.class.isAssignableFrom(type)) {
      return LIST;
    } else if (Set.class.isAssignableFrom(type)) {
      return SET;
    } else if (Map.class.isAssignableFrom(type)) {
      return MAP;
    }
    return UNSUPPORTED;
  }
}
