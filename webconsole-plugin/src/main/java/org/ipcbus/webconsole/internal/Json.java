package org.ipcbus.webconsole.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.apache.felix.utils.json.JSONParser;
import org.apache.felix.utils.json.JSONWriter;

/**
 * The JSON the plugin reads and writes, through Felix Utils' parser and writer (copied into the
 * bundle), with the same rules for message arguments as the {@code ipc:send} and
 * {@code ipc:invoke} shell commands.
 */
final class Json {

  private Json() {}

  /**
   * Reads the arguments of a message.
   *
   * @param text a JSON array, for example {@code ["ping", 1]}; null or blank for no arguments
   * @return its elements: strings, longs, doubles, booleans, nulls, maps and lists
   * @throws BadRequestException if the text is not a JSON array, naming the parameter {@code args}
   */
  static Object[] parseArgs(String text) {
    if (text == null || text.isBlank()) {
      return new Object[0];
    }
    List<Object> args;
    try {
      args = new JSONParser(text).getParsedList();
    } catch (RuntimeException e) {
      throw new BadRequestException("args is not valid JSON (" + e.getMessage() + "): " + text);
    }
    if (args == null || !text.strip().startsWith("[")) {
      throw new BadRequestException(
          "args must be a JSON array of the arguments, for example [\"ping\", 1], was: " + text);
    }
    return args.toArray();
  }

  /** @return the value (maps, lists, arrays, strings, numbers, booleans, null) as JSON text */
  static String write(Object value) {
    StringWriter text = new StringWriter();
    try {
      new JSONWriter(text).value(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not throw
    }
    return text.toString();
  }

  /** @return {@code {"error": message}} */
  static String error(String message) {
    return write(Map.of("error", message));
  }
}
