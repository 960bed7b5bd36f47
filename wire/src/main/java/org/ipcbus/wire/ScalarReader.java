package org.ipcbus.wire;

import static org.ipcbus.wire.CborHead.BYTES;
import static org.ipcbus.wire.CborHead.MAP;
import static org.ipcbus.wire.CborHead.NEGATIVE;
import static org.ipcbus.wire.CborHead.UNSIGNED;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.Year;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the tagged values that are not containers: each checks that the content under its tag is
 * what that tag requires, then lets Jackson read it. The caller has read the head and checked that
 * exactly one tag precedes the item.
 */
final class ScalarReader {

  private final CborInput in;

  ScalarReader(CborInput in) {
    this.in = in;
  }

  /**
   * Reads the value under a tag that is not a container tag.
   *
   * @return the value
   * @throws WireFormatException if the tag is unknown or its content is wrong
   */
  Object read(int tag, CborHead head) {
    switch (tag) {
      case CborTags.POSITIVE_BIGNUM, CborTags.NEGATIVE_BIGNUM:
        need(tag, head, head.major == BYTES, "a byte string");
        in.next(); // Jackson turns tag 2/3 + bytes into one BigInteger token
        return in.integer();
      case CborTags.DECIMAL_FRACTION:
        return decimal(head);
      case CborTags.UUID:
        need(tag, head, head.major == BYTES && head.length() == 16, "a 16-byte byte string");
        in.next();
        ByteBuffer uuid = ByteBuffer.wrap(in.binary());
        return new UUID(uuid.getLong(), uuid.getLong());
      case CborTags.EPOCH_DATE_TIME:
        return epochTime(head);
      case CborTags.EXTENDED_TIME: {
        long[] time = secondsAndNanos(tag, head);
        return guarded(tag, () -> Instant.ofEpochSecond(time[0], time[1]));
      }
      case CborTags.DURATION: {
        long[] time = secondsAndNanos(tag, head);
        return guarded(tag, () -> Duration.ofSeconds(time[0], time[1]));
      }
      case CborTags.LONG:
        return integer(tag, head, Long.MIN_VALUE, Long.MAX_VALUE);
      case CborTags.SHORT:
        return (short) integer(tag, head, Short.MIN_VALUE, Short.MAX_VALUE);
      case CborTags.BYTE:
        return (byte) integer(tag, head, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case CborTags.CHARACTER:
        return (char) integer(tag, head, Character.MIN_VALUE, Character.MAX_VALUE);
      case CborTags.YEAR:
        return Year.of((int) integer(tag, head, Year.MIN_VALUE, Year.MAX_VALUE));
      case CborTags.DAY_OF_WEEK:
        return DayOfWeek.of((int) integer(tag, head, 1, 7));
      case CborTags.MONTH:
        return Month.of((int) integer(tag, head, 1, 12));
      default:
        if (TypedArrays.elementSize(tag) > 0) {
          return typedArray(tag, head);
        }
        if (JavaTime.isTextTag(tag)) {
          need(tag, head, head.major == CborHead.TEXT, "a text string");
          in.next();
          return JavaTime.parse(tag, in.text());
        }
        throw new WireFormatException("unknown " + CborTags.describe(tag) + " on "
            + head.anItem());
    }
  }

  /** Tag 4: [exponent, mantissa]; Jackson reads the pair, we check its shape first. */
  private Object decimal(CborHead head) {
    int tag = CborTags.DECIMAL_FRACTION;
    need(tag, head, head.major == CborHead.ARRAY && head.length() == 2,
        "an array of exponent and mantissa");
    // Jackson ignores tags on the two integers; refuse anything but the forms RFC 8949 allows.
    CborHead exponent = in.probe(head.end);
    if (exponent.tagCount != 0 || !isInteger(exponent)) {
      throw new WireFormatException(CborTags.describe(tag) + " exponent is "
          + exponent.describe() + ", not an integer");
    }
    CborHead mantissa = in.probe(exponent.end);
    boolean bignum = mantissa.tagCount == 1 && mantissa.major == BYTES
        && (mantissa.tag(0) == CborTags.POSITIVE_BIGNUM
        || mantissa.tag(0) == CborTags.NEGATIVE_BIGNUM);
    if (!bignum && (mantissa.tagCount != 0 || !isInteger(mantissa))) {
      throw new WireFormatException(CborTags.describe(tag) + " mantissa is "
          + mantissa.describe() + ", not an integer or bignum");
    }
    in.next();
    return in.decimal();
  }

  /** Tag 1: integer or floating-point seconds since 1970-01-01T00:00Z. */
  private Instant epochTime(CborHead head) {
    int tag = CborTags.EPOCH_DATE_TIME;
    if (isInteger(head)) {
      in.next();
      long seconds = in.longValue(CborTags.describe(tag));
      return guarded(tag, () -> Instant.ofEpochSecond(seconds));
    }
    boolean floating = head.major == CborHead.SIMPLE && (head.info == CborHead.FLOAT16
        || head.info == CborHead.FLOAT32 || head.info == CborHead.FLOAT64);
    need(tag, head, floating, "an integer or a float");
    in.next();
    return JavaTime.instantOfSeconds(in.floating().doubleValue());
  }

  /**
   * Tags 1001 and 1002: a map with key 1 (integer seconds) and at most one fraction, key -3
   * (milliseconds), -6 (microseconds) or -9 (nanoseconds). Jackson reads integer map keys as their
   * decimal text, so the keys are taken from the heads instead.
   */
  private long[] secondsAndNanos(int tag, CborHead head) {
    need(tag, head, head.major == MAP && head.length() >= 1 && head.length() <= 2,
        "a map of 1 or 2 entries {1: seconds, -9: nanoseconds}");
    int entries = head.length();
    in.next();
    Long seconds = null;
    long nanos = 0;
    boolean fraction = false;
    for (int i = 0; i < entries; i++) {
      CborHead keyHead = in.peek();
      if (keyHead.tagCount != 0 || !isInteger(keyHead) || keyHead.argumentOverflows) {
        throw new WireFormatException(CborTags.describe(tag) + " key " + i + " is "
            + keyHead.describe() + ", not a small integer");
      }
      long key = keyHead.major == UNSIGNED ? keyHead.argument : -1 - keyHead.argument;
      in.next(); // the key, as a FIELD_NAME
      CborHead valueHead = in.peek();
      if (valueHead.tagCount != 0 || !isInteger(valueHead)) {
        throw new WireFormatException(CborTags.describe(tag) + " key " + key + " holds "
            + valueHead.describe() + ", not an integer");
      }
      in.next();
      long value = in.longValue(CborTags.describe(tag) + " key " + key);
      if (key == 1 && seconds == null) {
        seconds = value;
      } else if ((key == -3 || key == -6 || key == -9) && !fraction) {
        long units = key == -3 ? 1_000 : key == -6 ? 1_000_000 : 1_000_000_000;
        if (value < 0 || value >= units) {
          throw new WireFormatException(CborTags.describe(tag) + " key " + key + " holds " + value
              + ", outside 0.." + (units - 1));
        }
        nanos = value * (1_000_000_000 / units);
        fraction = true;
      } else {
        throw new WireFormatException(CborTags.describe(tag) + " key " + key
            + " is repeated or not supported (supported: 1, and one of -3, -6, -9)");
      }
    }
    in.expect(JsonToken.END_OBJECT);
    if (seconds == null) {
      throw new WireFormatException(CborTags.describe(tag) + " has no key 1 (seconds)");
    }
    return new long[] {seconds, nanos};
  }

  private long integer(int tag, CborHead head, long min, long max) {
    need(tag, head, isInteger(head), "an integer");
    in.next();
    long value = in.longValue(CborTags.describe(tag));
    if (value < min || value > max) {
      throw new WireFormatException(CborTags.describe(tag) + " holds " + value + ", outside "
          + min + ".." + max);
    }
    return value;
  }

  private Object typedArray(int tag, CborHead head) {
    need(tag, head, head.major == BYTES, "a byte string");
    int size = TypedArrays.elementSize(tag);
    if (head.length() % size != 0) {
      throw new WireFormatException(CborTags.describe(tag) + " holds " + head.length()
          + " bytes, not a multiple of its element size " + size);
    }
    in.next();
    return TypedArrays.fromBytes(tag, in.binary());
  }

  private static boolean isInteger(CborHead head) {
    return head.major == UNSIGNED || head.major == NEGATIVE;
  }

  private static void need(int tag, CborHead head, boolean ok, String what) {
    if (!ok) {
      throw new WireFormatException(CborTags.describe(tag) + " needs " + what + ", got "
          + head.anItem() + (head.major <= CborHead.MAP && head.major >= BYTES
          ? " of length " + head.argument : ""));
    }
  }

  private static <T> T guarded(int tag, java.util.function.Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (DateTimeException | ArithmeticException e) {
      throw new WireFormatException(CborTags.describe(tag) + " is outside the range of "
          + "java.time: " + e.getMessage());
    }
  }
}
