package org.ipcbus.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The tag table is the same in CborTags, in the decoder and in docs/PROTOCOL.md. */
class TagTableTest {

  @Test
  void theProtocolDocumentListsExactlyTheTagsOfCborTags() throws IOException {
    assertEquals(codeTags(), documentedTags());
  }

  /** Every tag number near the ones we use is refused as unknown unless CborTags has it. */
  @Test
  void theDecoderKnowsExactlyTheTagsOfCborTags() {
    Set<Integer> known = codeTags();
    for (int tag = 0; tag < 50_000; tag = tag == 1100 ? 48_600 : tag + 1) {
      byte[] item = java.nio.ByteBuffer.allocate(6).put((byte) 0xda).putInt(tag).put((byte) 0)
          .array(); // tag(n) 0: the content is often wrong, but the tag is judged first
      String message;
      try {
        ValueCodec.decode(item, WireLimits.DEFAULTS);
        message = "decoded";
      } catch (WireFormatException e) {
        message = e.getMessage();
      }
      boolean unknown = message.startsWith("unknown tag " + tag + " ")
          || message.startsWith("unknown tag " + tag + " (");
      assertEquals(!known.contains(tag), unknown, tag + ": " + message);
    }
  }

  private static Set<Integer> codeTags() {
    Set<Integer> tags = new TreeSet<>();
    for (Field field : CborTags.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        try {
          tags.add(field.getInt(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return tags;
  }

  /** The first column of the table in section 10.3: "2, 3", "64, 68, 72", "48700 .. 48718". */
  private static Set<Integer> documentedTags() throws IOException {
    String document = Files.readString(Path.of("..", "docs", "PROTOCOL.md"));
    int start = document.indexOf("### 10.3");
    int end = document.indexOf("\n### ", start + 1);
    assertTrue(start >= 0 && end > start, "section 10.3 not found");
    Set<Integer> tags = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| ([0-9 ,.]+) \\|").matcher(document.substring(start, end));
    while (row.find()) {
      String cell = row.group(1).trim();
      if (cell.contains("..")) {
        String[] range = cell.split("\\s*\\.\\.\\s*");
        for (int tag = Integer.parseInt(range[0]); tag <= Integer.parseInt(range[1]); tag++) {
          tags.add(tag);
        }
      } else {
        for (String tag : cell.split(",\\s*")) {
          tags.add(Integer.parseInt(tag.trim()));
        }
      }
    }
    assertFalse(tags.isEmpty());
    return tags;
  }
}
