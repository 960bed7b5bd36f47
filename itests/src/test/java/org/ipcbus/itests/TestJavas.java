package org.ipcbus.itests;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The Java runtimes the process tests start: this one, and the ones the environment adds. */
final class TestJavas {

  /**
   * The environment variable naming more Java homes, separated by the path separator; .ci/run sets
   * it to Temurin 25 where that is installed, so that the runnable jars are proven on 17 and 25.
   */
  static final String ENVIRONMENT = "IPCBUS_TEST_JAVA_HOMES";

  private TestJavas() {}

  /** @return the {@code java} executables: the running JVM's first */
  static List<String> executables() {
    List<String> javas = new ArrayList<>();
    javas.add(executable(System.getProperty("java.home")));
    String more = System.getenv(ENVIRONMENT);
    if (more != null) {
      for (String home : more.split(File.pathSeparator)) {
        if (!home.isBlank()) {
          String java = executable(home.trim());
          if (!new File(java).canExecute()) {
            throw new IllegalStateException(ENVIRONMENT + " names " + home + ", which has no bin/java");
          }
          if (!javas.contains(java)) {
            javas.add(java);
          }
        }
      }
    }
    return javas;
  }

  private static String executable(String home) {
    return home + File.separator + "bin" + File.separator + "java";
  }
}
