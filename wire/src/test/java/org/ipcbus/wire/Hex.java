package org.ipcbus.wire;

import java.util.HexFormat;

/** Hex for tests, with spaces, line breaks and "#" comments allowed in the input. */
final class Hex {

  private Hex() {
  }

  static byte[] bytes(String annotatedHex) {
    StringBuilder digits = new StringBuilder();
    for (String line : annotatedHex.split("\n")) {
      int comment = line.indexOf('#');
      digits.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s", ""));
    }
    return HexFormat.of().parseHex(digits);
  }

  static String of(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
