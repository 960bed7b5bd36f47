package org.ipcbus.wire;

import java.io.IOException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;

/**
 * The Jackson CBOR factory, and the frame of every encode and decode: where Jackson's and the
 * JVM's exceptions are turned into this module's.
 */
final class Cbor {

  /**
   * The one factory (factories are thread safe). Jackson's own limits are lifted because ours are
   * stricter and checked first (frame size, declared lengths, our depth limit); field names are
   * neither interned nor canonicalized, so that a peer cannot fill the JVM's string table or leave
   * state behind that outlives its message. Negative bignums use RFC 8949's encoding (-1 - n), not
   * Jackson's legacy one.
   */
  static final CBORFactory FACTORY = CBORFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .enable(CBORParser.Feature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
      .enable(CBORGenerator.Feature.ENCODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .maxNumberLength(Integer.MAX_VALUE)
          .build())
      .streamWriteConstraints(StreamWriteConstraints.builder()
          .maxNestingDepth(Integer.MAX_VALUE)
          .build())
      .build();

  private Cbor() {
  }

  /** Something written to a generator. */
  interface Body {
    void writeTo(CBORGenerator out) throws IOException;
  }

  /**
   * Encodes one data item.
   *
   * @throws IllegalArgumentException if a value cannot be encoded
   */
  static byte[] encode(Body body) {
    ByteArrayBuilder bytes = new ByteArrayBuilder();
    try (CBORGenerator out = FACTORY.createGenerator(bytes)) {
      body.writeTo(out);
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException("the value nests too deeply for this thread's stack");
    } catch (IOException e) {
      // A byte array cannot fail to take bytes: this is Jackson refusing what we wrote, e.g. a
      // collection whose size changed while it was written.
      throw new IllegalStateException("cannot encode: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes one data item that must fill the bytes exactly.
   *
   * @throws WireFormatException for every problem with the bytes, never an error from Jackson or
   *     the JVM's StackOverflowError and OutOfMemoryError
   */
  static <T> T decode(byte[] bytes, int offset, int length, Function<CborInput, T> body) {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    try {
      CborInput in = new CborInput(bytes, offset, length);
      T result = body.apply(in);
      in.finish();
      return result;
    } catch (WireFormatException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new WireFormatException("the value nests too deeply for this thread's stack", e);
    } catch (OutOfMemoryError e) {
      // Our limits keep every allocation proportional to the frame; if the heap is full anyway,
      // the frame cannot be processed, which for the connection is the same as a bad frame.
      throw new WireFormatException("out of memory while decoding a frame of " + length + " bytes", e);
    } catch (RuntimeException e) {
      // Jackson's unchecked errors on input it did not expect.
      throw new WireFormatException("malformed CBOR: " + e, e);
    }
  }
}
