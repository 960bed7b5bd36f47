package org.ipcbus.wire;

/**
 * The head of the next CBOR data item in a frame: its tags, major type and argument, read straight
 * from the bytes <em>before</em> Jackson's parser acts on them.
 *
 * <p>Why read heads ourselves: Jackson's CBORParser trusts declared lengths that the frame cannot
 * hold (a 32-bit length of 2^31 or more even turns negative and is taken as "indefinite"), turns
 * integer map keys into text silently, accepts indefinite lengths and swallows some tags (2 and 3
 * disappear into a BigInteger). Checking the head first lets every such case be refused with a
 * precise message, and bounds every allocation by the bytes actually left in the frame. This class
 * only reads heads; the values themselves are decoded by Jackson.
 *
 * <p>One instance is reused for every item of a message (it is overwritten by {@link #read}).
 */
final class CborHead {

  /** At most this many tags may precede one item: {@code 28(258([...]))} is the deepest we write. */
  static final int MAX_TAGS = 2;

  static final int UNSIGNED = 0;
  static final int NEGATIVE = 1;
  static final int BYTES = 2;
  static final int TEXT = 3;
  static final int ARRAY = 4;
  static final int MAP = 5;
  static final int TAG = 6;
  static final int SIMPLE = 7;

  /** Additional information of major type 7 that we accept. */
  static final int FALSE = 20;
  static final int TRUE = 21;
  static final int NULL = 22;
  static final int UNDEFINED = 23;
  static final int FLOAT16 = 25;
  static final int FLOAT32 = 26;
  static final int FLOAT64 = 27;

  private final long[] tags = new long[MAX_TAGS];
  int tagCount;
  int major;
  /** The low five bits of the initial byte. */
  int info;
  /** The argument: a value, a length or a count. Unsigned; see {@link #argumentOverflows}. */
  long argument;
  /** True if the argument is 2^63 or more, so {@link #argument} holds it as a negative long. */
  boolean argumentOverflows;
  /** Index of the first byte after the head (after the argument). */
  int end;

  /**
   * Reads the head at {@code position}, checking that it is well formed, of a definite length, and
   * that what it declares fits in the bytes left before {@code limit}.
   *
   * @throws WireFormatException if not
   */
  CborHead read(byte[] bytes, int position, int limit) {
    tagCount = 0;
    int at = position;
    while (true) {
      if (at >= limit) {
        throw new WireFormatException(at == position
            ? "the frame ends where a value was expected (truncated)"
            : "the frame ends after a tag (truncated)");
      }
      int initial = bytes[at] & 0xFF;
      major = initial >>> 5;
      info = initial & 0x1F;
      at = readArgument(bytes, at + 1, limit);
      if (major != TAG) {
        break;
      }
      if (info == 31) {
        throw new WireFormatException("malformed: indefinite length on a tag");
      }
      if (tagCount == MAX_TAGS) {
        throw new WireFormatException("more than " + MAX_TAGS + " tags on one data item");
      }
      tags[tagCount++] = argument;
    }
    end = at;
    checkDefinite();
    checkFits(limit - end);
    return this;
  }

  /** The i-th tag, outermost first; unsigned: tag numbers of 2^63 and more are negative. */
  long tag(int i) {
    return tags[i];
  }

  private int readArgument(byte[] bytes, int at, int limit) {
    argumentOverflows = false;
    if (info < 24) {
      argument = info;
      return at;
    }
    if (info > 27) {
      if (info == 31) {
        argument = -1;
        return at;
      }
      throw new WireFormatException("malformed: reserved additional information " + info);
    }
    int length = 1 << (info - 24);
    if (limit - at < length) {
      throw new WireFormatException("the frame ends inside the head of a data item (truncated)");
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = (value << 8) | (bytes[at + i] & 0xFF);
    }
    argument = value;
    argumentOverflows = value < 0;
    return at + length;
  }

  private void checkDefinite() {
    if (info != 31) {
      return;
    }
    switch (major) {
      case BYTES, TEXT, ARRAY, MAP -> throw new WireFormatException(
          "indefinite-length " + itemName() + "s are not supported; use a definite length");
      case SIMPLE -> throw new WireFormatException("unexpected break (0xff)");
      default -> throw new WireFormatException(
          "malformed: indefinite length on " + article(itemName()) + itemName());
    }
  }

  private void checkFits(long left) {
    if (major < BYTES || major > MAP) {
      return; // the argument is a value, not a length
    }
    long needed = major != MAP ? argument
        : argumentOverflows || argument > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * argument;
    if (argumentOverflows || needed > left) {
      String declared = Long.toUnsignedString(argument);
      throw new WireFormatException(switch (major) {
        case BYTES, TEXT -> "declared " + itemName() + " length " + declared + " exceeds the " + left
            + " bytes left in the frame";
        case ARRAY -> "declared array length " + declared + " exceeds the " + left
            + " bytes left in the frame (each element takes at least one)";
        default -> "declared map size " + declared + " exceeds the " + left
            + " bytes left in the frame (each entry takes at least two)";
      });
    }
  }

  /** The argument as an int, for lengths and counts already checked against the frame. */
  int length() {
    return (int) argument;
  }

  /** Names the item for messages, e.g. "a text string", "tag 28 on an unsigned integer". */
  String describe() {
    String item = itemName();
    if (tagCount == 0) {
      return article(item) + item;
    }
    StringBuilder tagged = new StringBuilder("tag ");
    for (int i = 0; i < tagCount; i++) {
      tagged.append(i > 0 ? "+" : "").append(Long.toUnsignedString(tags[i]));
    }
    return tagged.append(" on ").append(article(item)).append(item).toString();
  }

  /** Names the item without its tags or article, e.g. "text string". */
  String itemName() {
    return switch (major) {
      case UNSIGNED -> "unsigned integer";
      case NEGATIVE -> "negative integer";
      case BYTES -> "byte string";
      case TEXT -> "text string";
      case ARRAY -> "array";
      case MAP -> "map";
      default -> switch (info) {
        case FALSE, TRUE -> "boolean";
        case NULL -> "null";
        case UNDEFINED -> "undefined";
        case FLOAT16, FLOAT32, FLOAT64 -> "float";
        default -> "simple value";
      };
    };
  }

  /** Names the item without its tags, e.g. "a text string". */
  String anItem() {
    return article(itemName()) + itemName();
  }

  private static String article(String item) {
    return "aeiou".indexOf(item.charAt(0)) >= 0 ? "an " : "a ";
  }
}
