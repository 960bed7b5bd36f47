package org.ipcbus.impl.shell;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.felix.utils.json.JSONParser;
import org.apache.felix.utils.json.JSONWriter;

/** The JSON the shell commands read and print, through Felix Utils' parser and writer. */
final class Json {

  private Json() {}

  /**
   * Reads the arguments of a message.
   *
   * @param text a JSON array, for example {@code ["ping", 1]}
   * @return its elements: strings, longs, doubles, booleans, nulls, maps and lists
   * @throws IllegalArgumentException if the text is not a JSON array
   */
  static Object[] parseArgs(String text) {
    List<Object> args;
    try {
      args = text.isBlank() ? null : new JSONParser(text).getParsedList();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("json-args is not valid JSON: " + text, e);
    }
    if (args == null || !text.strip().startsWith("[")) {
      throw new IllegalArgumentException("json-args must be a JSON array of the arguments, "
          + "for example '[\"ping\", 1]', was: " + text);
    }
    return args.toArray();
  }

  /** @return the value as JSON */
  static String write(Object value) {
    StringWriter text = new StringWriter();
    try {
      new JSONWriter(text).value(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not throw
    }
    return text.toString();
  }
}
