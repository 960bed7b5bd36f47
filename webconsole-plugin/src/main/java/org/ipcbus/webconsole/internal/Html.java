package org.ipcbus.webconsole.internal;

/** Escaping of text put into the page's HTML. */
final class Html {

  private Html() {}

  /** @return the text with {@code & < > " '} escaped, safe in element content and quoted attributes */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
