package org.ipcbus.impl.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How one renderer process is launched and watched (factory PID {@code org.ipcbus.process}).
 *
 * @param name its name: unique, in logs, the runtime DTO, the shell, and the {@code Ipc-Process}
 *     header the access policy sees
 * @param bundles the URLs of the bundles it runs besides the host ({@code file:}, or {@code mvn:}
 *     where the child has a handler for it)
 * @param java the java executable that runs it
 * @param hostJar the runnable jar of the renderer host
 * @param vmOptions options for its JVM, before {@code -jar}
 * @param environment variables added to its environment
 * @param launch false when main only waits for a process that someone else starts
 * @param maxCrashes how many crashes within {@code crashWindowMillis} stop the restarts (0: never
 *     restart)
 * @param crashWindowMillis the window for {@code maxCrashes}
 * @param heartbeatMillis how often main pings it
 * @param unresponsiveMillis how long without a frame from it before it is reported unresponsive
 * @param killUnresponsiveMillis how long unresponsive before main kills it (0: never)
 * @param handshakeMillis how long a launched process may take to connect and say hello
 * @param readSpinMicros how long each side's reader tries again before it waits for the next
 *     frame (0: never spins; see {@link org.ipcbus.wire.NonBlockingSocket#stopBlocking})
 */
public record ProcessSettings(String name, List<String> bundles, Path java, Path hostJar,
    List<String> vmOptions, Map<String, String> environment, boolean launch, int maxCrashes,
    long crashWindowMillis, long heartbeatMillis, long unresponsiveMillis,
    long killUnresponsiveMillis, long handshakeMillis, long readSpinMicros) {

  /** Checks the values and copies the collections. */
  public ProcessSettings {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException("process name '" + name + "' must be 1 to 64 letters, digits, "
          + "'.', '_' or '-', starting with a letter or digit");
    }
    bundles = List.copyOf(bundles);
    vmOptions = List.copyOf(vmOptions);
    environment = Map.copyOf(environment);
    positive(name, "heartbeat.ms", heartbeatMillis);
    positive(name, "unresponsive.ms", unresponsiveMillis);
    positive(name, "handshake.ms", handshakeMillis);
    positive(name, "crash.window.ms", crashWindowMillis);
    if (readSpinMicros < 0 || readSpinMicros > MAX_READ_SPIN_MICROS) {
      throw new IllegalArgumentException("read.spin.us of process '" + name + "' must be from 0 to "
          + MAX_READ_SPIN_MICROS + ", not " + readSpinMicros);
    }
    if (maxCrashes < 0 || killUnresponsiveMillis < 0) {
      throw new IllegalArgumentException("max.crashes and kill.unresponsive.ms of process '" + name
          + "' must not be negative");
    }
  }

  /** The longest read spin: past a millisecond a spin only burns a core. */
  public static final long MAX_READ_SPIN_MICROS = 1_000;

  private static void positive(String name, String property, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(property + " of process '" + name + "' must be positive, not " + value);
    }
  }
}
