package org.ipcbus.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.io.SerializedString;
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

  /**
   * Text this long or shorter is written by Jackson's writeString, which writes it with a definite
   * length; Jackson writes longer text (from about 4,000 characters, depending on its buffer) as an
   * indefinite-length string, which the decoder refuses, so longer text is written from its UTF-8
   * bytes, always with a definite length.
   */
  private static final int SHORT_TEXT_CHARS = 1_000;

  private Cbor() {
  }

  /**
   * Writes a text string with a definite length, whatever its length.
   *
   * @param out the generator
   * @param text the text, or null (written as CBOR null)
   * @throws CharacterCodingException if the text holds an unpaired UTF-16 surrogate: CBOR text is UTF-8
   */
  static void text(CBORGenerator out, String text) throws IOException {
    if (text == null || text.length() <= SHORT_TEXT_CHARS) {
      out.writeString(text);
      return;
    }
    byte[] utf8 = utf8(text);
    out.writeUTF8String(utf8, 0, utf8.length);
  }

  /**
   * Writes a map key (in an object Jackson writes) with a definite length, whatever its length.
   *
   * @param out the generator
   * @param key the key
   * @throws CharacterCodingException if the key holds an unpaired UTF-16 surrogate
   */
  static void key(CBORGenerator out, String key) throws IOException {
    if (key.length() <= SHORT_TEXT_CHARS) {
      out.writeFieldName(key);
      return;
    }
    utf8(key); // refuses an unpaired surrogate, as writeString does
    out.writeFieldName(new SerializedString(key));
  }

  private static byte[] utf8(String text) throws CharacterCodingException {
    ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .encode(CharBuffer.wrap(text));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    return bytes;
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
