package org.ipcbus.api;

/**
 * An argument or reply cannot be cloned to plain data; Electron's "An object could not be cloned".
 * It is thrown to the caller before anything is queued, and the message names the path of the bad
 * value, for example {@code "args[1].items[3]: java.lang.Thread cannot be cloned"}.
 *
 * <p>What can be cloned: null, Boolean, the java.lang and java.math number types, Character,
 * String, primitive arrays, enums (as their name), java.time values, UUID, List, Set and Map
 * (insertion order kept), Object[] (as a List), records and OSGi DTOs (as a Map of their public
 * fields), and cyclic graphs of these (the cycles are preserved).
 */
public class DataCloneException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param path where the bad value is, for example {@code "args[1].items[3]"}
   * @param reason why it cannot be cloned, for example {@code "java.lang.Thread cannot be cloned"}
   */
  public DataCloneException(String path, String reason) {
    super(path + ": " + reason);
  }
}
