package org.ipcbus.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ipcbus.wire.WireMessage.Invoke;
import org.ipcbus.wire.WireMessage.Send;
import org.junit.jupiter.api.Test;

/**
 * Messages written by hand, byte by byte, as a client in another language sends them without
 * knowing Java: they decode to the natural Java types.
 */
class PlainCborTest {

  /** What a JavaScript client's CBOR library writes for send("chat", 1, -1, 1.5, "hi", {...}). */
  @Test
  void aSendFromJavaScriptDecodesToNaturalJavaTypes() {
    byte[] body = Hex.bytes("""
        84                          # [kind, wc, channel, args]
          06                        # SEND
          03                        # wc 3
          64 63 68 61 74            # "chat"
          8c                        # args: 12 values
            01                      # 1
            20                      # -1
            fb 3f f8 00 00 00 00 00 00  # 1.5 as float64 (a JS number)
            f9 3e 00                # 1.5 as float16 (libraries that shorten floats)
            fa 3f c0 00 00          # 1.5 as float32
            62 68 69                # "hi"
            a2                      # {"k": [true, null], "n": -100000}
              61 6b 82 f5 f6
              61 6e 3a 00 01 86 9f
            1b 00 00 00 01 00 00 00 00  # 2^32: does not fit an int
            1b ff ff ff ff ff ff ff ff  # 2^64 - 1: does not fit a long
            3b ff ff ff ff ff ff ff ff  # -2^64
            42 01 02                # bytes h'0102' (a Uint8Array)
            f7                      # undefined
        """);

    Send send = (Send) MessageCodec.decode(body, WireLimits.DEFAULTS);

    assertEquals(3, send.wc());
    assertEquals("chat", send.channel());
    List<Object> args = send.args();
    assertEquals(12, args.size());
    assertTypedEquals(1, args.get(0));
    assertTypedEquals(-1, args.get(1));
    assertTypedEquals(1.5, args.get(2));
    assertTypedEquals(1.5f, args.get(3));
    assertTypedEquals(1.5f, args.get(4));
    assertTypedEquals("hi", args.get(5));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("k", new ArrayList<>(java.util.Arrays.asList(true, null)));
    map.put("n", -100_000);
    assertTypedEquals(map, args.get(6));
    assertSame(ArrayList.class, ((Map<?, ?>) args.get(6)).get("k").getClass());
    assertTypedEquals(4_294_967_296L, args.get(7));
    assertTypedEquals(BigInteger.TWO.pow(64).subtract(BigInteger.ONE), args.get(8));
    assertTypedEquals(BigInteger.TWO.pow(64).negate(), args.get(9));
    assertArrayEquals(new byte[] {1, 2}, (byte[]) args.get(10));
    assertNull(args.get(11));
  }

  /** Registered tags that other languages' libraries write decode to the matching Java types. */
  @Test
  void registeredTagsFromOtherLanguagesDecode() {
    byte[] body = Hex.bytes("""
        85 08 03 00 64 64 61 74 65   # INVOKE, wc 3, call 0, channel "date", args:
          88
            c0 74 32 30 32 34 2d 30 31 2d 33 31 54 31 30 3a 31 35 3a 30 30 5a  # 0("2024-01-31T10:15:00Z")
            c1 1a 65 b9 f0 00        # 1(1706684416): epoch seconds
            c1 fb 41 d9 6e 7c 00 08 00 00  # 1(1706684416.125)
            d9 03 ec 6a 32 30 32 34 2d 30 32 2d 32 39  # 1004("2024-02-29")
            d8 4e 48 01 00 00 00 ff ff ff ff  # 78: Int32Array, little-endian [1, -1]
            d8 40 42 01 ff           # 64: Uint8Array [1, 255]
            d8 25 50 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff  # 37: UUID
            c4 82 21 19 3a 98        # 4([-2, 15000]): 150.00
        """);

    List<Object> args = ((Invoke) MessageCodec.decode(body, WireLimits.DEFAULTS)).args();

    assertTypedEquals(OffsetDateTime.of(2024, 1, 31, 10, 15, 0, 0, ZoneOffset.UTC), args.get(0));
    assertTypedEquals(Instant.ofEpochSecond(1_706_684_416L), args.get(1));
    assertTypedEquals(Instant.ofEpochSecond(1_706_684_416L, 125_000_000), args.get(2));
    assertTypedEquals(LocalDate.of(2024, 2, 29), args.get(3));
    assertArrayEquals(new int[] {1, -1}, (int[]) args.get(4));
    assertArrayEquals(new byte[] {1, (byte) 255}, (byte[]) args.get(5));
    assertTypedEquals(java.util.UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"),
        args.get(6));
    assertTypedEquals(new java.math.BigDecimal("150.00"), args.get(7));
  }

  private static void assertTypedEquals(Object expected, Object actual) {
    assertEquals(expected, actual);
    assertSame(expected.getClass(), actual.getClass(), () -> "class of " + actual);
  }
}
