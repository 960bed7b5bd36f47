package org.ipcbus.wire;

import java.io.IOException;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;

/**
 * One frame body being read: Jackson's parser over the bytes, plus a look at the head of the next
 * item ({@link CborHead}) before the parser reads it. Every IOException from Jackson becomes a
 * {@link WireFormatException}: the input is a byte array, so an IOException can only mean bad bytes.
 */
final class CborInput {


  final byte[] bytes;
  final int start;
  final int end;
  private final CBORParser parser;
  /** Parser offset minus array index; 0 with Jackson 2.23, but we do not rely on it. */
  private final long offsetDelta;
  private final CborHead head = new CborHead();
  private final CborHead probe = new CborHead();

  CborInput(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.start = offset;
    this.end = offset + length;
    try {
      parser = (CBORParser) Cbor.FACTORY.createParser(bytes, offset, length);
    } catch (IOException e) {
      throw malformed(e);
    }
    offsetDelta = parser.currentLocation().getByteOffset() - offset;
  }

  /** Index in {@link #bytes} of the next byte the parser will read. */
  int position() {
    return (int) (parser.currentLocation().getByteOffset() - offsetDelta);
  }

  /** The head of the next item; valid until the next call. */
  CborHead peek() {
    return head.read(bytes, position(), end);
  }

  /** The head of the item at an index ahead of the parser (a second, independent instance). */
  CborHead probe(int at) {
    return probe.read(bytes, at, end);
  }

  /** Moves the parser to the next token. */
  JsonToken next() {
    try {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new WireFormatException("the frame ends where a value was expected (truncated)");
      }
      return token;
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** Moves to the next token, which must be the given one (an end of array or map). */
  void expect(JsonToken expected) {
    JsonToken token = next();
    if (token != expected) {
      // Cannot happen after a checked head: the parser counts elements as we do.
      throw new WireFormatException("expected " + expected + " but the parser found " + token);
    }
  }

  String text() {
    try {
      return parser.getText();
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  String fieldName() {
    try {
      return parser.currentName();
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  byte[] binary() {
    try {
      return parser.getBinaryValue();
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** The current integer as Integer, Long or BigInteger: the smallest that holds it. */
  Number integer() {
    try {
      NumberType type = parser.getNumberType();
      return switch (type) {
        case INT -> parser.getIntValue();
        case LONG -> parser.getLongValue();
        default -> parser.getBigIntegerValue();
      };
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** The current integer as a long, or an error naming what it is if it does not fit one. */
  long longValue(String what) {
    Number number = integer();
    if (number instanceof BigInteger) {
      throw new WireFormatException(what + " " + number + " does not fit a 64-bit integer");
    }
    return number.longValue();
  }

  /** The current float: Float for half and single precision, Double for double precision. */
  Number floating() {
    try {
      return parser.getNumberType() == NumberType.DOUBLE ? (Number) parser.getDoubleValue()
          : (Number) parser.getFloatValue();
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  java.math.BigDecimal decimal() {
    try {
      return parser.getDecimalValue();
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /**
   * Checks that the item just read was the last thing in the frame.
   *
   * @throws WireFormatException if bytes follow it
   */
  void finish() {
    int left = end - position();
    if (left != 0) {
      throw new WireFormatException(left + " trailing byte" + (left == 1 ? "" : "s")
          + " after the data item");
    }
  }

  /** A Jackson parse error as a format error, with Jackson's message without its location. */
  static WireFormatException malformed(IOException e) {
    String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    return new WireFormatException("malformed CBOR: " + WireFormatException.shorten(message, 160), e);
  }
}
