package org.ipcbus.wire;

/**
 * Every CBOR tag number the ipcbus value encoding uses, in one place (docs/PROTOCOL.md has the
 * same table). A tag number not listed here is refused when decoding.
 *
 * <p>Registered tags (IANA "CBOR Tags" registry) are used wherever one says what we mean. The rest,
 * {@link #IPCBUS_FIRST} to {@link #IPCBUS_LAST}, are ipcbus's own: they are taken from CBOR's
 * first-come-first-served range (32768 and up) but are <b>not registered</b> with IANA. Numbers in
 * 32768..65535 have a 3-byte head, which keeps the small Java-only wrappers (Long, Short, Byte,
 * Character) cheap.
 */
public final class CborTags {

  // ---- registered tags ----

  /** RFC 8949 standard date/time text (RFC 3339): {@link java.time.OffsetDateTime}. */
  public static final int DATE_TIME_STRING = 0;
  /** RFC 8949 epoch-based date/time, integer or float seconds: {@link java.time.Instant}. */
  public static final int EPOCH_DATE_TIME = 1;
  /** RFC 8949 positive bignum over a byte string: {@link java.math.BigInteger}. */
  public static final int POSITIVE_BIGNUM = 2;
  /** RFC 8949 negative bignum over a byte string: {@link java.math.BigInteger}. */
  public static final int NEGATIVE_BIGNUM = 3;
  /** RFC 8949 decimal fraction [exponent, mantissa]: {@link java.math.BigDecimal}. */
  public static final int DECIMAL_FRACTION = 4;
  /** Value sharing: marks a container that a later {@link #SHARED_REF} refers to. */
  public static final int SHAREABLE = 28;
  /** Value sharing: refers to the n-th container marked {@link #SHAREABLE} in this message. */
  public static final int SHARED_REF = 29;
  /** Binary UUID (registered; RFC 9562 byte order), a 16-byte string: {@link java.util.UUID}. */
  public static final int UUID = 37;
  /** RFC 8746 uint8 typed array: decoded as {@code byte[]}. */
  public static final int UINT8_ARRAY = 64;
  /** RFC 8746 uint16 big-endian typed array: {@code char[]}. */
  public static final int UINT16_BE_ARRAY = 65;
  /** RFC 8746 uint8 clamped typed array: decoded as {@code byte[]}. */
  public static final int UINT8_CLAMPED_ARRAY = 68;
  /** RFC 8746 uint16 little-endian typed array: decoded as {@code char[]}. */
  public static final int UINT16_LE_ARRAY = 69;
  /** RFC 8746 sint8 typed array: decoded as {@code byte[]}. */
  public static final int SINT8_ARRAY = 72;
  /** RFC 8746 sint16 big-endian typed array: {@code short[]}. */
  public static final int SINT16_BE_ARRAY = 73;
  /** RFC 8746 sint32 big-endian typed array: {@code int[]}. */
  public static final int SINT32_BE_ARRAY = 74;
  /** RFC 8746 sint64 big-endian typed array: {@code long[]}. */
  public static final int SINT64_BE_ARRAY = 75;
  /** RFC 8746 sint16 little-endian typed array: decoded as {@code short[]}. */
  public static final int SINT16_LE_ARRAY = 77;
  /** RFC 8746 sint32 little-endian typed array: decoded as {@code int[]}. */
  public static final int SINT32_LE_ARRAY = 78;
  /** RFC 8746 sint64 little-endian typed array: decoded as {@code long[]}. */
  public static final int SINT64_LE_ARRAY = 79;
  /** RFC 8746 binary32 big-endian typed array: {@code float[]}. */
  public static final int FLOAT32_BE_ARRAY = 81;
  /** RFC 8746 binary64 big-endian typed array: {@code double[]}. */
  public static final int FLOAT64_BE_ARRAY = 82;
  /** RFC 8746 binary32 little-endian typed array: decoded as {@code float[]}. */
  public static final int FLOAT32_LE_ARRAY = 85;
  /** RFC 8746 binary64 little-endian typed array: decoded as {@code double[]}. */
  public static final int FLOAT64_LE_ARRAY = 86;
  /** Finite set over an array (registered, "Mathematical finite set"): {@link java.util.Set}. */
  public static final int SET = 258;
  /** RFC 9581 extended time, map {1: seconds, -9: nanoseconds}: {@link java.time.Instant}. */
  public static final int EXTENDED_TIME = 1001;
  /** RFC 9581 duration, map {1: seconds, -9: nanoseconds}: {@link java.time.Duration}. */
  public static final int DURATION = 1002;
  /** RFC 8943 full-date text "YYYY-MM-DD": {@link java.time.LocalDate}. */
  public static final int FULL_DATE_STRING = 1004;

  // ---- ipcbus tags: first-come-first-served range, NOT registered with IANA ----

  /** The first ipcbus tag. */
  public static final int IPCBUS_FIRST = 48700;
  /** {@link Long} whose value also fits an int (larger ones are plain integers), over an integer. */
  public static final int LONG = 48700;
  /** {@link Short} over an integer. */
  public static final int SHORT = 48701;
  /** {@link Byte} over an integer. */
  public static final int BYTE = 48702;
  /** {@link Character} over an unsigned integer, its UTF-16 code unit (0..65535). */
  public static final int CHARACTER = 48703;
  /** {@code boolean[]} over a byte string, one byte 0 or 1 per element. */
  public static final int BOOLEAN_ARRAY = 48704;
  /**
   * {@link java.util.Map} whose keys are not all text, over an array of alternating keys and values
   * (k1, v1, k2, v2, ...), in iteration order.
   */
  public static final int MAP_ENTRIES = 48705;
  /** {@link java.time.LocalTime} over ISO-8601 text, e.g. "10:15:30" or "10:15:30.5". */
  public static final int LOCAL_TIME = 48706;
  /** {@link java.time.LocalDateTime} over ISO-8601 text, e.g. "2007-12-03T10:15:30". */
  public static final int LOCAL_DATE_TIME = 48707;
  /** {@link java.time.OffsetTime} over ISO-8601 text, e.g. "10:15:30+01:00". */
  public static final int OFFSET_TIME = 48708;
  /** {@link java.time.ZonedDateTime} over text, e.g. "2007-12-03T10:15:30+01:00[Europe/Paris]". */
  public static final int ZONED_DATE_TIME = 48709;
  /** {@link java.time.Period} over ISO-8601 text, e.g. "P1Y2M3D". */
  public static final int PERIOD = 48710;
  /** {@link java.time.Year} over an integer. */
  public static final int YEAR = 48711;
  /** {@link java.time.YearMonth} over ISO-8601 text, e.g. "2007-12". */
  public static final int YEAR_MONTH = 48712;
  /** {@link java.time.MonthDay} over ISO-8601 text, e.g. "--12-03". */
  public static final int MONTH_DAY = 48713;
  /** {@link java.time.DayOfWeek} over an unsigned integer, ISO-8601: 1 = Monday .. 7 = Sunday. */
  public static final int DAY_OF_WEEK = 48714;
  /** {@link java.time.Month} over an unsigned integer, 1 = January .. 12 = December. */
  public static final int MONTH = 48715;
  /** {@link java.time.ZoneId} (region or {@link java.time.ZoneOffset}) over its id text. */
  public static final int ZONE_ID = 48716;
  /** {@link java.time.LocalDate} outside the years 0000..9999 that tag 1004 allows, ISO-8601 text. */
  public static final int LOCAL_DATE_EXTENDED = 48717;
  /**
   * {@link java.time.OffsetDateTime} that RFC 3339 cannot express (year outside 0000..9999, or an
   * offset with seconds), ISO-8601 text.
   */
  public static final int OFFSET_DATE_TIME_EXTENDED = 48718;
  /** The last ipcbus tag; the numbers up to 48719 are kept for ipcbus. */
  public static final int IPCBUS_LAST = 48718;

  private CborTags() {
  }

  /**
   * Names a tag for error messages, e.g. "tag 37 (UUID)"; unknown numbers just as "tag 5". The
   * number is unsigned: CBOR tag numbers go up to 2^64 - 1.
   */
  static String describe(long tag) {
    String name = tag < 0 || tag > Integer.MAX_VALUE ? null : switch ((int) tag) {
      case DATE_TIME_STRING -> "date/time text";
      case EPOCH_DATE_TIME -> "epoch time";
      case POSITIVE_BIGNUM, NEGATIVE_BIGNUM -> "bignum";
      case DECIMAL_FRACTION -> "decimal fraction";
      case SHAREABLE -> "shareable";
      case SHARED_REF -> "shared reference";
      case UUID -> "UUID";
      case SET -> "set";
      case EXTENDED_TIME -> "extended time";
      case DURATION -> "duration";
      case FULL_DATE_STRING -> "full-date text";
      case LONG -> "Long";
      case SHORT -> "Short";
      case BYTE -> "Byte";
      case CHARACTER -> "Character";
      case BOOLEAN_ARRAY -> "boolean[]";
      case MAP_ENTRIES -> "map entries";
      case LOCAL_TIME -> "LocalTime";
      case LOCAL_DATE_TIME -> "LocalDateTime";
      case OFFSET_TIME -> "OffsetTime";
      case ZONED_DATE_TIME -> "ZonedDateTime";
      case PERIOD -> "Period";
      case YEAR -> "Year";
      case YEAR_MONTH -> "YearMonth";
      case MONTH_DAY -> "MonthDay";
      case DAY_OF_WEEK -> "DayOfWeek";
      case MONTH -> "Month";
      case ZONE_ID -> "ZoneId";
      case LOCAL_DATE_EXTENDED -> "LocalDate";
      case OFFSET_DATE_TIME_EXTENDED -> "OffsetDateTime";
      default -> TypedArrays.elementSize((int) tag) > 0 && tag < 100 ? "typed array" : null;
    };
    String number = "tag " + Long.toUnsignedString(tag);
    return name == null ? number : number + " (" + name + ")";
  }
}
