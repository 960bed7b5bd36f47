package org.ipcbus.benchmarks.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The jars a renderer process needs, carried in this benchmark's jar and written to files once per
 * JVM: the renderer host's runnable jar ({@code renderer-host-app/target/ipcbus-renderer-host.jar},
 * as installed by ipcbus) and the benchmark's renderer bundle ({@code benchmarks/child-bundle}).
 */
final class BenchBundles {

  private static Path directory;

  private BenchBundles() {}

  /** @return the renderer host's runnable jar */
  static synchronized Path hostJar() {
    return extract("ipcbus-renderer-host.jar");
  }

  /** @return the benchmark's renderer bundle */
  static synchronized Path childBundle() {
    return extract("bench-child.jar");
  }

  private static Path extract(String name) {
    try {
      if (directory == null) {
        directory = Files.createTempDirectory("ipcbus-bench-bundles-");
        directory.toFile().deleteOnExit();
      }
      Path file = directory.resolve(name);
      if (!Files.exists(file)) {
        try (InputStream in = BenchBundles.class.getResourceAsStream("/bundles/" + name)) {
          if (in == null) {
            throw new IllegalStateException("bundles/" + name + " is missing from the benchmark jar: build it with "
                + "benchmarks/run (bench-child.jar comes from benchmarks/child-bundle, built first)");
          }
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        file.toFile().deleteOnExit();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
