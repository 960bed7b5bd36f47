package org.ipcbus.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Primitive arrays as RFC 8746 typed arrays: the elements' bytes one after the other in a byte
 * string, under a tag that names the element type and byte order. We write big-endian (network
 * order, the tags the brief and most decoders expect first) and read both orders, as a JavaScript
 * client may send its platform's little-endian typed arrays. {@code boolean[]} has no RFC 8746 tag
 * and uses ipcbus's own, one byte (0 or 1) per element.
 */
final class TypedArrays {

  private TypedArrays() {
  }

  /** The tag that {@link #toBytes} content is written under, or -1 if not a typed array. */
  static int tagOf(Object array) {
    if (array instanceof short[]) {
      return CborTags.SINT16_BE_ARRAY;
    } else if (array instanceof int[]) {
      return CborTags.SINT32_BE_ARRAY;
    } else if (array instanceof long[]) {
      return CborTags.SINT64_BE_ARRAY;
    } else if (array instanceof float[]) {
      return CborTags.FLOAT32_BE_ARRAY;
    } else if (array instanceof double[]) {
      return CborTags.FLOAT64_BE_ARRAY;
    } else if (array instanceof char[]) {
      return CborTags.UINT16_BE_ARRAY;
    } else if (array instanceof boolean[]) {
      return CborTags.BOOLEAN_ARRAY;
    }
    return -1;
  }

  /** The big-endian bytes of a primitive array other than byte[]. */
  static byte[] toBytes(Object array) {
    if (array instanceof boolean[] booleans) {
      byte[] bytes = new byte[booleans.length];
      for (int i = 0; i < booleans.length; i++) {
        bytes[i] = (byte) (booleans[i] ? 1 : 0);
      }
      return bytes;
    }
    int size = elementSize(tagOf(array));
    int length = java.lang.reflect.Array.getLength(array);
    ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(length, size)); // big-endian
    if (array instanceof short[] a) {
      buffer.asShortBuffer().put(a);
    } else if (array instanceof int[] a) {
      buffer.asIntBuffer().put(a);
    } else if (array instanceof long[] a) {
      buffer.asLongBuffer().put(a);
    } else if (array instanceof float[] a) {
      buffer.asFloatBuffer().put(a);
    } else if (array instanceof double[] a) {
      buffer.asDoubleBuffer().put(a);
    } else {
      buffer.asCharBuffer().put((char[]) array);
    }
    return buffer.array();
  }

  /**
   * The element size in bytes of a typed-array tag we read, or 0 if the tag is not one.
   * (The 8-bit tags 64, 68 and 72 are read as byte[].)
   */
  static int elementSize(int tag) {
    return switch (tag) {
      case CborTags.UINT8_ARRAY, CborTags.UINT8_CLAMPED_ARRAY, CborTags.SINT8_ARRAY,
          CborTags.BOOLEAN_ARRAY -> 1;
      case CborTags.SINT16_BE_ARRAY, CborTags.SINT16_LE_ARRAY, CborTags.UINT16_BE_ARRAY,
          CborTags.UINT16_LE_ARRAY -> 2;
      case CborTags.SINT32_BE_ARRAY, CborTags.SINT32_LE_ARRAY, CborTags.FLOAT32_BE_ARRAY,
          CborTags.FLOAT32_LE_ARRAY -> 4;
      case CborTags.SINT64_BE_ARRAY, CborTags.SINT64_LE_ARRAY, CborTags.FLOAT64_BE_ARRAY,
          CborTags.FLOAT64_LE_ARRAY -> 8;
      default -> 0;
    };
  }

  /**
   * The Java array for the content of a typed-array tag. The caller has checked that the length is
   * a multiple of {@link #elementSize}.
   *
   * @throws WireFormatException if a boolean[] byte is neither 0 nor 1
   */
  static Object fromBytes(int tag, byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(littleEndian(tag) ? ByteOrder.LITTLE_ENDIAN
        : ByteOrder.BIG_ENDIAN);
    switch (tag) {
      case CborTags.UINT8_ARRAY, CborTags.UINT8_CLAMPED_ARRAY, CborTags.SINT8_ARRAY:
        return bytes;
      case CborTags.BOOLEAN_ARRAY:
        return booleans(bytes);
      case CborTags.SINT16_BE_ARRAY, CborTags.SINT16_LE_ARRAY: {
        short[] array = new short[bytes.length / 2];
        buffer.asShortBuffer().get(array);
        return array;
      }
      case CborTags.UINT16_BE_ARRAY, CborTags.UINT16_LE_ARRAY: {
        char[] array = new char[bytes.length / 2];
        buffer.asCharBuffer().get(array);
        return array;
      }
      case CborTags.SINT32_BE_ARRAY, CborTags.SINT32_LE_ARRAY: {
        int[] array = new int[bytes.length / 4];
        buffer.asIntBuffer().get(array);
        return array;
      }
      case CborTags.FLOAT32_BE_ARRAY, CborTags.FLOAT32_LE_ARRAY: {
        float[] array = new float[bytes.length / 4];
        buffer.asFloatBuffer().get(array);
        return array;
      }
      case CborTags.SINT64_BE_ARRAY, CborTags.SINT64_LE_ARRAY: {
        long[] array = new long[bytes.length / 8];
        buffer.asLongBuffer().get(array);
        return array;
      }
      case CborTags.FLOAT64_BE_ARRAY, CborTags.FLOAT64_LE_ARRAY: {
        double[] array = new double[bytes.length / 8];
        buffer.asDoubleBuffer().get(array);
        return array;
      }
      default:
        throw new IllegalArgumentException("not a typed-array tag: " + tag);
    }
  }

  private static boolean littleEndian(int tag) {
    return tag == CborTags.SINT16_LE_ARRAY || tag == CborTags.SINT32_LE_ARRAY
        || tag == CborTags.SINT64_LE_ARRAY || tag == CborTags.UINT16_LE_ARRAY
        || tag == CborTags.FLOAT32_LE_ARRAY || tag == CborTags.FLOAT64_LE_ARRAY;
  }

  private static boolean[] booleans(byte[] bytes) {
    boolean[] booleans = new boolean[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != 0 && bytes[i] != 1) {
        throw new WireFormatException("boolean[] element " + i + " is " + (bytes[i] & 0xFF)
            + ", not 0 or 1");
      }
      booleans[i] = bytes[i] == 1;
    }
    return booleans;
  }
}
