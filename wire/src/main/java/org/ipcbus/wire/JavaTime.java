package org.ipcbus.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;

/**
 * The java.time values that travel as text: which tag each one takes, its ISO-8601 text, and the
 * way back. The numeric ones (Instant, Duration, Year, DayOfWeek, Month) are handled by the value
 * reader and writer directly.
 */
final class JavaTime {

  /**
   * YearMonth's own parse pattern. YearMonth.toString() writes year 10000 as "10000-01", which
   * YearMonth.parse() refuses (it wants "+10000-01"); formatting with the parser's pattern does not.
   */
  private static final DateTimeFormatter YEAR_MONTH = new DateTimeFormatterBuilder()
      .appendValue(ChronoField.YEAR, 4, 10, SignStyle.EXCEEDS_PAD)
      .appendLiteral('-')
      .appendValue(ChronoField.MONTH_OF_YEAR, 2)
      .toFormatter();

  private JavaTime() {
  }

  /** The tag for a java.time value sent as text, or -1 if the value is not one of those. */
  static int textTag(Object value) {
    if (value instanceof LocalDate date) {
      return rfc3339Year(date.getYear()) ? CborTags.FULL_DATE_STRING : CborTags.LOCAL_DATE_EXTENDED;
    } else if (value instanceof OffsetDateTime dateTime) {
      // RFC 3339 has four-digit years and offsets in whole minutes; anything else keeps its Java
      // meaning under our own tag rather than putting non-RFC 3339 text under tag 0.
      return rfc3339Year(dateTime.getYear()) && dateTime.getOffset().getTotalSeconds() % 60 == 0
          ? CborTags.DATE_TIME_STRING : CborTags.OFFSET_DATE_TIME_EXTENDED;
    } else if (value instanceof LocalTime) {
      return CborTags.LOCAL_TIME;
    } else if (value instanceof LocalDateTime) {
      return CborTags.LOCAL_DATE_TIME;
    } else if (value instanceof OffsetTime) {
      return CborTags.OFFSET_TIME;
    } else if (value instanceof ZonedDateTime) {
      return CborTags.ZONED_DATE_TIME;
    } else if (value instanceof Period) {
      return CborTags.PERIOD;
    } else if (value instanceof YearMonth) {
      return CborTags.YEAR_MONTH;
    } else if (value instanceof MonthDay) {
      return CborTags.MONTH_DAY;
    } else if (value instanceof ZoneId) {
      return CborTags.ZONE_ID;
    }
    return -1;
  }

  /** The text of a value that {@link #textTag} accepts. */
  static String format(Object value) {
    if (value instanceof LocalDate date) {
      return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    } else if (value instanceof OffsetDateTime dateTime) {
      // The formatters always print the seconds (toString() drops ":00"; RFC 3339 needs them).
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
    } else if (value instanceof LocalTime time) {
      return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
    } else if (value instanceof LocalDateTime dateTime) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
    } else if (value instanceof OffsetTime time) {
      return DateTimeFormatter.ISO_OFFSET_TIME.format(time);
    } else if (value instanceof ZonedDateTime dateTime) {
      return DateTimeFormatter.ISO_ZONED_DATE_TIME.format(dateTime);
    } else if (value instanceof ZoneId zone) {
      return zone.getId();
    } else if (value instanceof YearMonth yearMonth) {
      return YEAR_MONTH.format(yearMonth);
    }
    // Period and MonthDay: toString() is their ISO-8601 form and parse() reads it back.
    return value.toString();
  }

  /** True if the tag is one that {@link #parse} reads. */
  static boolean isTextTag(int tag) {
    return switch (tag) {
      case CborTags.DATE_TIME_STRING, CborTags.FULL_DATE_STRING, CborTags.LOCAL_DATE_EXTENDED,
          CborTags.OFFSET_DATE_TIME_EXTENDED, CborTags.LOCAL_TIME, CborTags.LOCAL_DATE_TIME,
          CborTags.OFFSET_TIME, CborTags.ZONED_DATE_TIME, CborTags.PERIOD, CborTags.YEAR_MONTH,
          CborTags.MONTH_DAY, CborTags.ZONE_ID -> true;
      default -> false;
    };
  }

  /**
   * Reads the text under a tag that {@link #isTextTag} accepts.
   *
   * @throws WireFormatException if the text is not a valid value of that type
   */
  static Object parse(int tag, String text) {
    try {
      return switch (tag) {
        case CborTags.DATE_TIME_STRING, CborTags.OFFSET_DATE_TIME_EXTENDED ->
            OffsetDateTime.parse(text);
        case CborTags.FULL_DATE_STRING, CborTags.LOCAL_DATE_EXTENDED -> LocalDate.parse(text);
        case CborTags.LOCAL_TIME -> LocalTime.parse(text);
        case CborTags.LOCAL_DATE_TIME -> LocalDateTime.parse(text);
        case CborTags.OFFSET_TIME -> OffsetTime.parse(text);
        case CborTags.ZONED_DATE_TIME -> ZonedDateTime.parse(text);
        case CborTags.PERIOD -> Period.parse(text);
        case CborTags.YEAR_MONTH -> YearMonth.parse(text);
        case CborTags.MONTH_DAY -> MonthDay.parse(text);
        case CborTags.ZONE_ID -> ZoneId.of(text);
        default -> throw new IllegalArgumentException("not a java.time text tag: " + tag);
      };
    } catch (DateTimeException e) {
      // Period.parse and friends quote the text; keep hostile text short in the message.
      throw new WireFormatException(CborTags.describe(tag) + " holds \""
          + WireFormatException.shorten(text) + "\", which is not a valid value: "
          + WireFormatException.shorten(e.getMessage()));
    }
  }

  /** An Instant from tag 1 float seconds, rounded to the nanosecond. */
  static Instant instantOfSeconds(double seconds) {
    if (!Double.isFinite(seconds)) {
      throw new WireFormatException("tag 1 (epoch time) holds " + seconds + ", not a finite number");
    }
    double whole = Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    try {
      return Instant.ofEpochSecond((long) whole, nanos);
    } catch (DateTimeException | ArithmeticException e) {
      throw new WireFormatException("tag 1 (epoch time) holds " + seconds
          + ", outside the range of java.time.Instant");
    }
  }

  private static boolean rfc3339Year(int year) {
    return year >= 0 && year <= 9999;
  }
}
