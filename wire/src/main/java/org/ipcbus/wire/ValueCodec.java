package org.ipcbus.wire;

/**
 * Encodes and decodes one value as a CBOR data item (RFC 8949), with the tags of {@link CborTags}.
 *
 * <p>The values are those that ipcbus's clone produces: null, Boolean, the boxed numbers,
 * Character, BigInteger, BigDecimal, String, primitive arrays, UUID, java.time values, and Lists,
 * Sets and Maps of these, which may share containers or contain themselves. A Java value comes back
 * equal and of the same class; a plain CBOR item from another language comes back as its natural
 * Java type (integer as Integer, Long or BigInteger by size; text as String; array as ArrayList;
 * text-keyed map as LinkedHashMap; ...). docs/PROTOCOL.md has the full table.
 *
 * <p>Messages encode their values through {@link MessageCodec}; this class is for a value alone.
 * Thread safe: it keeps no state between calls.
 */
public final class ValueCodec {

  private ValueCodec() {
  }

  /**
   * Encodes a value.
   *
   * @param value the value, as the clone produced it
   * @return one CBOR data item
   * @throws IllegalArgumentException if the value, or one inside it, is not a supported type (the
   *     message names its class and path), or it nests deeper than
   *     {@link WireLimits#HIGHEST_MAX_DEPTH}
   */
  public static byte[] encode(Object value) {
    return Cbor.encode(out -> {
      ValueWriter writer = new ValueWriter(out, WireLimits.HIGHEST_MAX_DEPTH);
      writer.plan(value);
      writer.write(value, "value", -1);
    });
  }

  /**
   * Decodes a value that fills the bytes exactly.
   *
   * @param bytes one CBOR data item
   * @param limits the bounds to enforce (the frame limit is not checked here: the bytes are there)
   * @return the value
   * @throws WireFormatException if the bytes are not a valid value within the limits
   */
  public static Object decode(byte[] bytes, WireLimits limits) {
    return decode(bytes, 0, bytes.length, limits);
  }

  /**
   * Decodes a value from part of an array.
   *
   * @param bytes the array
   * @param offset where the data item starts
   * @param length its length; the item must fill it exactly
   * @param limits the bounds to enforce
   * @return the value
   * @throws WireFormatException if the bytes are not a valid value within the limits
   */
  public static Object decode(byte[] bytes, int offset, int length, WireLimits limits) {
    return Cbor.decode(bytes, offset, length, in -> new ValueReader(in, limits).readValue("value"));
  }
}
