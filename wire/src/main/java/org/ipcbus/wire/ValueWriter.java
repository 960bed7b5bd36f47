package org.ipcbus.wire;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.Year;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

/**
 * Writes the values of one message to a CBOR generator, with the tags of CborTags, and marks the
 * containers that the message reaches more than once for value sharing.
 *
 * <p>Use: {@link #plan} every value of the message first, then {@link #write} them in the same
 * order. One instance per message: the sharing indexes restart at 0 for every message.
 */
final class ValueWriter {

  private final CBORGenerator out;
  private final int maxDepth;
  /** Every container seen by {@link #plan}: false if reached once, true if more often. */
  private IdentityHashMap<Object, Boolean> seen;
  /** The index of each shared container already written (its tag 28 came first). */
  private IdentityHashMap<Object, Integer> written;

  ValueWriter(CBORGenerator out, int maxDepth) {
    this.out = out;
    this.maxDepth = maxDepth;
  }

  /**
   * Finds the containers reachable more than once from this value (and the values planned
   * before it): the pre-pass that value sharing needs, as tag 28 must mark a container's first
   * occurrence. Stops below the depth limit; {@link #write} reports that with a path.
   */
  void plan(Object value) {
    plan(value, 1);
  }

  private void plan(Object value, int depth) {
    if (value == null || !ValueType.of(value.getClass()).isContainer() || depth > maxDepth) {
      return;
    }
    if (seen == null) {
      seen = new IdentityHashMap<>(); // made on the first container; most messages have none
    }
    if (seen.put(value, Boolean.FALSE) != null) {
      seen.put(value, Boolean.TRUE); // a second visit: shared, and its elements are planned
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        plan(entry.getKey(), depth + 1);
        plan(entry.getValue(), depth + 1);
      }
    } else {
      for (Object element : (Collection<?>) value) {
        plan(element, depth + 1);
      }
    }
  }

  /**
   * Writes one value at depth 1.
   *
   * @param root the name of the value in error messages, e.g. "value" or "args"
   * @param index the value's index under root, e.g. 0 for "args[0]", or -1 for none
   * @throws IllegalArgumentException if the value, or one inside it, is not a supported type,
   *     or nests deeper than the limit
   */
  void write(Object value, String root, int index) throws IOException {
    try {
      write(value, 1);
    } catch (Refusal refusal) {
      // The path is built here, on failure only: building it per value would be garbage.
      throw new IllegalArgumentException(refusal.getMessage() + " at " + root
          + (index >= 0 ? "[" + index + "]" : "") + String.join("", refusal.segments));
    }
  }

  private void write(Object value, int depth) throws IOException {
    ValueType type = value == null ? ValueType.NULL : ValueType.of(value.getClass());
    switch (type) {
      case NULL -> out.writeNull();
      case STRING -> writeString((String) value);
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case INTEGER -> out.writeNumber((Integer) value);
      case LONG -> writeLong((Long) value);
      case SHORT -> tagged(CborTags.SHORT, (Short) value);
      case BYTE -> tagged(CborTags.BYTE, (Byte) value);
      case CHARACTER -> tagged(CborTags.CHARACTER, (Character) value);
      case DOUBLE -> out.writeNumber((Double) value);
      case FLOAT -> out.writeNumber((Float) value);
      case BIG_INTEGER -> out.writeNumber((BigInteger) value); // tag 2 or 3
      case BIG_DECIMAL -> out.writeNumber((BigDecimal) value); // tag 4
      case UUID -> writeUuid((UUID) value);
      case BYTES -> out.writeBinary((byte[]) value);
      case PRIMITIVE_ARRAY -> {
        out.writeTag(TypedArrays.tagOf(value));
        out.writeBinary(TypedArrays.toBytes(value));
      }
      case INSTANT -> writeInstant((Instant) value);
      case DURATION -> writeSecondsAndNanos(CborTags.DURATION, ((Duration) value).getSeconds(),
          ((Duration) value).getNano());
      case YEAR -> tagged(CborTags.YEAR, ((Year) value).getValue());
      case DAY_OF_WEEK -> tagged(CborTags.DAY_OF_WEEK, ((DayOfWeek) value).getValue());
      case MONTH -> tagged(CborTags.MONTH, ((Month) value).getValue());
      case TIME_TEXT -> {
        out.writeTag(JavaTime.textTag(value));
        out.writeString(JavaTime.format(value));
      }
      case LIST, SET, MAP -> writeContainer(value, type, depth);
      default -> throw new Refusal(value.getClass().getTypeName() + " is not a value ipcbus can send "
          + "(not one of the types its clone produces)");
    }
  }

  private void writeContainer(Object container, ValueType type, int depth) throws IOException {
    if (depth > maxDepth) {
      throw new Refusal("nested deeper than " + maxDepth + " levels");
    }
    if (Boolean.TRUE.equals(seen == null ? null : seen.get(container))) {
      if (written == null) {
        written = new IdentityHashMap<>();
      }
      Integer index = written.get(container);
      if (index != null) {
        out.writeTag(CborTags.SHARED_REF);
        out.writeNumber(index);
        return;
      }
      written.put(container, written.size());
      out.writeTag(CborTags.SHAREABLE);
    }
    if (type == ValueType.MAP) {
      writeMap((Map<?, ?>) container, depth);
      return;
    }
    Collection<?> elements = (Collection<?>) container;
    if (type == ValueType.SET) {
      out.writeTag(CborTags.SET);
    }
    out.writeStartArray(container, elements.size());
    int i = 0;
    for (Object element : elements) {
      try {
        write(element, depth + 1);
      } catch (Refusal refusal) {
        throw refusal.in("[" + i + "]"); // segments are built on failure only: no garbage
      }
      i++;
    }
    out.writeEndArray();
  }

  private void writeMap(Map<?, ?> map, int depth) throws IOException {
    boolean textKeys = true;
    for (Object key : map.keySet()) {
      textKeys &= key instanceof String;
    }
    if (textKeys) {
      out.writeStartObject(map, map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writeKey((String) entry.getKey());
        try {
          write(entry.getValue(), depth + 1);
        } catch (Refusal refusal) {
          throw refusal.in("." + entry.getKey());
        }
      }
      out.writeEndObject();
      return;
    }
    // Jackson's parser cannot read non-text map keys back (see docs/PROTOCOL.md), so such a map
    // is an array of alternating keys and values under ipcbus's tag.
    out.writeTag(CborTags.MAP_ENTRIES);
    out.writeStartArray(map, 2 * map.size());
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      try {
        write(entry.getKey(), depth + 1);
      } catch (Refusal refusal) {
        throw refusal.in("{key " + i + "}");
      }
      try {
        write(entry.getValue(), depth + 1);
      } catch (Refusal refusal) {
        throw refusal.in("{value " + i + "}");
      }
      i++;
    }
    out.writeEndArray();
  }

  private void writeString(String text) throws IOException {
    try {
      Cbor.text(out, text);
    } catch (JsonGenerationException | CharacterCodingException e) {
      throw new Refusal("a String with an unpaired UTF-16 surrogate cannot be sent: CBOR text "
          + "must be valid UTF-8");
    }
  }

  private void writeKey(String key) throws IOException {
    try {
      Cbor.key(out, key);
    } catch (JsonGenerationException | CharacterCodingException e) {
      throw new Refusal("a map key with an unpaired UTF-16 surrogate cannot be sent: CBOR text "
          + "must be valid UTF-8");
    }
  }

  private void writeLong(long value) throws IOException {
    // Only a Long that an int could hold needs the tag: a larger integer decodes as Long anyway.
    if (value == (int) value) {
      out.writeTag(CborTags.LONG);
    }
    out.writeNumber(value);
  }

  private void tagged(int tag, int value) throws IOException {
    out.writeTag(tag);
    out.writeNumber(value);
  }

  private void writeUuid(UUID uuid) throws IOException {
    out.writeTag(CborTags.UUID);
    out.writeBinary(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits()).array());
  }

  private void writeInstant(Instant instant) throws IOException {
    if (instant.getNano() == 0) {
      out.writeTag(CborTags.EPOCH_DATE_TIME); // whole seconds: the tag every CBOR library knows
      out.writeNumber(instant.getEpochSecond());
    } else {
      writeSecondsAndNanos(CborTags.EXTENDED_TIME, instant.getEpochSecond(), instant.getNano());
    }
  }

  /** Tags 1001 and 1002: {1: seconds, -9: nanoseconds}, the nanoseconds left out when 0. */
  private void writeSecondsAndNanos(int tag, long seconds, int nanos) throws IOException {
    out.writeTag(tag);
    out.writeStartObject(null, nanos == 0 ? 1 : 2);
    out.writeFieldId(1);
    out.writeNumber(seconds);
    if (nanos != 0) {
      out.writeFieldId(-9);
      out.writeNumber(nanos);
    }
    out.writeEndObject();
  }

  /**
   * A value that cannot be written, on its way up to {@link #write(Object, String, int)}, collecting
   * path segments. No stack trace: it becomes an IllegalArgumentException at the top.
   */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Deque<String> segments = new ArrayDeque<>();

    Refusal(String reason) {
      super(reason, null, false, false);
    }

    Refusal in(String segment) {
      segments.addFirst(segment);
      return this;
    }
  }
}
