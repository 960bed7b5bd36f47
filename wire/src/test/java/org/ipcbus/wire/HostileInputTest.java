package org.ipcbus.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of hostile input is refused with its own message, saying what and where. */
class HostileInputTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # lengths and counts that the frame cannot hold
      5a 80 00 00 00 00        | declared byte string length 2147483648 exceeds the 1 bytes left in the frame at value
      5b ff ff ff ff ff ff ff ff | declared byte string length 18446744073709551615 exceeds the 0 bytes left in the frame at value
      7a 00 01 00 00 61        | declared text string length 65536 exceeds the 1 bytes left in the frame at value
      81 9a 00 01 00 00 00     | declared array length 65536 exceeds the 1 bytes left in the frame (each element takes at least one) at value[0]
      b9 ff ff 00 00           | declared map size 65535 exceeds the 2 bytes left in the frame (each entry takes at least two) at value
      # indefinite lengths
      9f ff                    | indefinite-length arrays are not supported; use a definite length at value
      bf ff                    | indefinite-length maps are not supported; use a definite length at value
      5f 41 00 ff              | indefinite-length byte strings are not supported; use a definite length at value
      7f 61 61 ff              | indefinite-length text strings are not supported; use a definite length at value
      ff                       | unexpected break (0xff) at value
      1f                       | malformed: indefinite length on an unsigned integer at value
      # truncated input and trailing bytes
      82 00                    | declared array length 2 exceeds the 1 bytes left in the frame (each element takes at least one) at value
      82 81 00                 | the frame ends where a value was expected (truncated) at value[1]
      19 01                    | the frame ends inside the head of a data item (truncated) at value
      d8 1c                    | the frame ends after a tag (truncated) at value
      00 00 00                 | 2 trailing bytes after the data item
      # unknown and misplaced tags
      d9 03 e8 00              | unknown tag 1000 on an unsigned integer at value
      d8 19 00                 | unknown tag 25 on an unsigned integer at value
      d9 01 00 80              | unknown tag 256 on an array at value
      db 80 00 00 00 00 00 00 00 00 | unknown tag 9223372036854775808 on an unsigned integer at value
      da 80 00 00 00 00        | unknown tag 2147483648 on an unsigned integer at value
      d8 1c 61 61              | tag 28 on a text string is misplaced: only arrays, maps, sets (258) and entry maps (48705) can be marked shareable at value
      d8 1c d8 1c 80           | tag 28+28 on an array is misplaced: only arrays, maps, sets (258) and entry maps (48705) can be marked shareable at value
      d9 01 02 d8 1c 80        | tag 258+28 on an array is misplaced: only tag 28 may precede another tag at value
      d8 25 d8 25 d8 25 40     | more than 2 tags on one data item at value
      d9 01 02 a0              | tag 258 (set) needs an array, got a map at value
      # value sharing
      d8 1d 00                 | tag 29 refers to shared value 0 but only 0 are marked before it at value
      82 d8 1c 80 d8 1d 01     | tag 29 refers to shared value 1 but only 1 is marked before it at value[1]
      d8 1d 61 61              | tag 29 (shared reference) needs an unsigned integer, got a text string at value
      # wrong content under a known tag
      d8 25 4f 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 | tag 37 (UUID) needs a 16-byte byte string, got a byte string of length 15 at value
      d9 be 3d 1a 00 01 00 00  | tag 48701 (Short) holds 65536, outside -32768..32767 at value
      d9 be 3f 20              | tag 48703 (Character) holds -1, outside 0..65535 at value
      d9 be 3c 3b 80 00 00 00 00 00 00 00 | tag 48700 (Long) -9223372036854775809 does not fit a 64-bit integer at value
      d8 4a 47 00 00 00 00 00 00 00 | tag 74 (typed array) holds 7 bytes, not a multiple of its element size 4 at value
      d9 be 40 42 01 02        | boolean[] element 1 is 2, not 0 or 1 at value
      d9 be 42 64 32 35 3a 30  | tag 48706 (LocalTime) holds "25:0", which is not a valid value: Text '25:0' could not be parsed at index 3 at value
      d9 be 4b 00              | tag 48715 (Month) holds 0, outside 1..12 at value
      d8 04 82 f9 00 00 01     | tag 4 (decimal fraction) exponent is a float, not an integer at value
      d8 04 82 00 61 31        | tag 4 (decimal fraction) mantissa is a text string, not an integer or bignum at value
      c4 83 00 01 02           | tag 4 (decimal fraction) needs an array of exponent and mantissa, got an array of length 3 at value
      d9 03 e9 a1 05 00        | tag 1001 (extended time) key 5 is repeated or not supported (supported: 1, and one of -3, -6, -9) at value
      d9 03 e9 a1 28 00        | tag 1001 (extended time) has no key 1 (seconds) at value
      d9 03 e9 a2 01 00 28 1a 3b 9a ca 00 | tag 1001 (extended time) key -9 holds 1000000000, outside 0..999999999 at value
      c1 fb 7f f0 00 00 00 00 00 00 | tag 1 (epoch time) holds Infinity, not a finite number at value
      c1 1b 7f ff ff ff ff ff ff ff | tag 1 (epoch time) is outside the range of java.time: Instant exceeds minimum or maximum instant at value
      d9 03 ec 61 78           | tag 1004 (full-date text) holds "x", which is not a valid value: Text 'x' could not be parsed at index 0 at value
      c2 61 61                 | tag 2 (bignum) needs a byte string, got a text string of length 1 at value
      # maps and sets
      a1 01 02                 | map key 0 is an unsigned integer: a plain map takes text keys only (maps with other keys are sent as tag 48705) at value
      a1 d8 1c 61 61 00        | map key 0 is tag 28 on a text string: a plain map takes text keys only (maps with other keys are sent as tag 48705) at value
      a2 61 61 00 61 61 01     | duplicate map key "a" at value
      d9 01 02 82 00 00        | duplicate set element at value[1]
      d9 be 41 83 01 02 03     | tag 48705 (map entries) needs an even number of items (alternating keys and values), got 3 at value
      d9 be 41 84 01 02 01 03  | duplicate map key at value{key 1}
      a1 61 6b 9f ff           | indefinite-length arrays are not supported; use a definite length at value.k
      # simple values and text
      f0                       | simple value 16 is not supported at value
      f8 20                    | simple value 32 is not supported at value
      fc                       | malformed: reserved additional information 28 at value
      61 ff                    | malformed CBOR: Invalid UTF-8 start byte 0xff at value
      """)
  void isRefusedSayingWhatAndWhere(String hex, String message) {
    WireFormatException e = assertThrows(WireFormatException.class,
        () -> ValueCodec.decode(Hex.bytes(hex), WireLimits.DEFAULTS));
    assertEquals(message, e.getMessage());
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedWithItsPath() {
    List<Object> deep = new ArrayList<>();
    List<Object> inner = deep;
    for (int i = 0; i < 300; i++) {
      List<Object> next = new ArrayList<>();
      inner.add(next);
      inner = next;
    }
    byte[] body = MessageCodec.encode(new WireMessage.Send(1, "c", List.of("x", deep)));
    WireFormatException e = assertThrows(WireFormatException.class,
        () -> MessageCodec.decode(body, WireLimits.DEFAULTS));
    assertEquals("SEND field args: nested deeper than 256 levels at args[1]" + "[0]".repeat(256),
        e.getMessage());
    assertEquals("args[1]" + "[0]".repeat(256), e.getPath());
  }

  @Test
  void aMillionLevelsOfNestingIsRefusedWithoutAStackOverflow() {
    byte[] bytes = new byte[1_000_000];
    java.util.Arrays.fill(bytes, (byte) 0x81); // [[[[...
    WireFormatException e = assertThrows(WireFormatException.class,
        () -> ValueCodec.decode(bytes, new WireLimits(bytes.length, WireLimits.DEFAULT_MAX_DEPTH)));
    assertTrue(e.getMessage().startsWith("nested deeper than 256 levels at value[0][0]"),
        e::getMessage);
  }

  @Test
  void theHighestDepthLimitWorksOnAThreadWithAStackOfTwoMebibytes() throws Exception {
    byte[] deepest = nestedLists(WireLimits.HIGHEST_MAX_DEPTH);
    WireLimits highest = new WireLimits(4096, WireLimits.HIGHEST_MAX_DEPTH);
    Object[] result = new Object[1];
    Thread reader = new Thread(null, () -> result[0] = ValueCodec.decode(deepest, highest),
        "reader", 2L << 20);
    reader.start();
    reader.join();
    assertTrue(result[0] instanceof List);
  }

  @Test
  void aStackTooSmallForTheDepthIsAFormatErrorNotAStackOverflow() throws Exception {
    byte[] deepest = nestedLists(WireLimits.HIGHEST_MAX_DEPTH);
    ValueCodec.decode(nestedLists(2), WireLimits.DEFAULTS); // classes loaded on a normal stack
    Object[] result = new Object[1];
    Thread reader = new Thread(null, () -> {
      try {
        result[0] = ValueCodec.decode(deepest, new WireLimits(4096, WireLimits.HIGHEST_MAX_DEPTH));
      } catch (Throwable t) {
        result[0] = t;
      }
    }, "reader", 64 * 1024);
    reader.start();
    reader.join();
    assertTrue(result[0] instanceof WireFormatException, () -> String.valueOf(result[0]));
    assertEquals("the value nests too deeply for this thread's stack",
        ((WireFormatException) result[0]).getMessage());
  }

  /** Lists nested {@code levels} deep, the innermost empty. */
  private static byte[] nestedLists(int levels) {
    byte[] bytes = new byte[levels];
    java.util.Arrays.fill(bytes, (byte) 0x81);
    bytes[levels - 1] = (byte) 0x80;
    return bytes;
  }

  /** A list holding a shared list twice, 64 times over: 2^64 values to hash once in a set. */
  @Test
  void aBillionLaughsOfSharedListsInASetIsRefusedQuickly() {
    List<Object> laugh = new ArrayList<>(List.of("ha"));
    for (int i = 0; i < 64; i++) {
      laugh = new ArrayList<>(List.of(laugh, laugh));
    }
    byte[] list = ValueCodec.encode(List.of(laugh)); // 81 d8 1c 82 ...: a list of one
    ByteArrayOutputStream set = new ByteArrayOutputStream();
    set.writeBytes(Hex.bytes("d9 01 02")); // make the outer list a set
    set.writeBytes(list);
    WireFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(WireFormatException.class,
            () -> ValueCodec.decode(set.toByteArray(), WireLimits.DEFAULTS)));
    assertEquals("hashing the set elements and map keys of this message would take too long "
        + "(hash flooding, or shared values nested too often) at value[0]", e.getMessage());
    // The same shape as a list (nothing hashed) decodes fine: sharing keeps it small.
    assertTrue(ValueCodec.decode(list, WireLimits.DEFAULTS) instanceof List);
  }

  /** 50,000 different lists with one hash code: each insertion would compare with all before. */
  @Test
  void setElementsCraftedToCollideAreRefusedQuickly() {
    ByteArrayOutputStream set = new ByteArrayOutputStream();
    int count = 50_000;
    set.writeBytes(Hex.bytes("d9 01 02 9a"));
    set.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(count).array());
    List<Object> colliding = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Integer> element = List.of(i, 31 * (count - i)); // hashCode 961 + 31 * count for all
      colliding.add(element);
      byte[] encoded = ValueCodec.encode(element);
      set.write(encoded, 0, encoded.length);
    }
    assertEquals(1, colliding.stream().mapToInt(Object::hashCode).distinct().count());
    WireFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(WireFormatException.class,
            () -> ValueCodec.decode(set.toByteArray(), WireLimits.DEFAULTS)));
    assertTrue(e.getMessage().startsWith("hashing the set elements and map keys of this message "
        + "would take too long"), e.getMessage());
  }

  @Test
  void aSetElementWhoseHashCodeNeverEndsIsRefused() {
    // L = [C, S]; C = [L]; S = set { [L] }: hashing [L] while L is read needs hash(C) = hash(L)...
    byte[] bytes = Hex.bytes("""
        d8 1c 82           # L, shared 0: array of 2
           81 d8 1d 00     # C = [L]
           d9 01 02 81     # S = set of 1
              81 d8 1d 00  # [L]
        """);
    WireFormatException e = assertThrows(WireFormatException.class,
        () -> ValueCodec.decode(bytes, WireLimits.DEFAULTS));
    assertEquals("a set element or map key contains itself in a way that makes its hash code "
        + "endless at value[1][0]", e.getMessage());
  }

  @Test
  void encodingAnUnsupportedValueNamesTheClass() {
    assertEquals("java.lang.StringBuilder is not a value ipcbus can send (not one of the types its "
        + "clone produces) at value{key 0}", assertThrows(IllegalArgumentException.class,
            () -> ValueCodec.encode(java.util.Map.of(new StringBuilder(), 1))).getMessage());
    assertEquals("java.lang.Object[] is not a value ipcbus can send (not one of the types its "
        + "clone produces) at value.k[0]",
        assertThrows(IllegalArgumentException.class,
            () -> ValueCodec.encode(java.util.Map.of("k", List.of((Object) new Object[0]))))
            .getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ValueCodec.encode("a\ud800b")).getMessage().startsWith(
            "a String with an unpaired UTF-16 surrogate cannot be sent"));
  }
}
