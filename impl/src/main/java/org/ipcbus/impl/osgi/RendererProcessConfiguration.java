package org.ipcbus.impl.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One renderer process, factory PID {@code org.ipcbus.process}: one factory configuration per
 * process. A new configuration restarts the process and forgets its crashes.
 */
@ObjectClassDefinition(id = RendererProcessConfiguration.FACTORY_PID, name = "ipcbus renderer process",
    description = "A child JVM whose bundles are renderers of main's bus, supervised by main")
@interface RendererProcessConfiguration {

  /** The factory PID. */
  String FACTORY_PID = "org.ipcbus.process";

  /** The framework property naming the renderer host's runnable jar, when the configuration does not. */
  String HOST_JAR_PROPERTY = "ipcbus.host.jar";

  @AttributeDefinition(name = "Name", description = "Unique; in logs, the runtime DTO, ipc:processes, "
      + "and the Ipc-Process header the access policy sees")
  String name();

  @AttributeDefinition(name = "Bundles", required = false,
      description = "URLs of the bundles the process runs besides the host: file:, or mvn: where the "
          + "child has a handler for it")
  String[] bundles() default {};

  @AttributeDefinition(name = "Renderer host jar", required = false,
      description = "The runnable jar of the renderer host; empty: the framework property " + HOST_JAR_PROPERTY)
  String host_jar() default "";

  @AttributeDefinition(name = "Java", required = false,
      description = "The java executable; empty: the one running main")
  String java() default "";

  @AttributeDefinition(name = "JVM options", required = false,
      description = "Options of the child JVM; keep -XX:+ExitOnOutOfMemoryError, or a child out of "
          + "memory may linger instead of being restarted")
  String[] vm_options() default {"-Xmx256m", "-XX:+ExitOnOutOfMemoryError"};

  @AttributeDefinition(name = "Environment", required = false,
      description = "Variables added to the child's environment, as NAME=value")
  String[] environment() default {};

  @AttributeDefinition(name = "Launch", description = "false: main only waits for a process that "
      + "someone else starts (the log says how)")
  boolean launch() default true;

  @AttributeDefinition(name = "Crashes before giving up", min = "0",
      description = "After this many crashes within the crash window the process is not restarted "
          + "until ipc:restart or a new configuration (VS Code's rule: 3 in 5 minutes)")
  int max_crashes() default 3;

  @AttributeDefinition(name = "Crash window (ms)", min = "1")
  long crash_window_ms() default 300_000;

  @AttributeDefinition(name = "Heartbeat (ms)", min = "1", description = "How often main pings the process")
  long heartbeat_ms() default 1_000;

  @AttributeDefinition(name = "Unresponsive after (ms)", min = "1",
      description = "Silence after which the process is reported unresponsive (VS Code: 3 s)")
  long unresponsive_ms() default 3_000;

  @AttributeDefinition(name = "Kill when unresponsive for (ms)", min = "0",
      description = "How long after becoming unresponsive main kills it; 0: never")
  long kill_unresponsive_ms() default 0;

  @AttributeDefinition(name = "Handshake time (ms)", min = "1",
      description = "How long a launched process may take to start and connect")
  long handshake_ms() default 30_000;

  @AttributeDefinition(name = "Read spin (µs)", min = "0", max = "1000",
      description = "How long the readers on both ends of the socket try again before they wait "
          + "for the next frame. A round trip wakes four parked threads; a spin can save the "
          + "readers' wake-ups, but only with cores to spare (on 2 cores, 50 made calls about 2x "
          + "slower: docs/performance.md). 0: never spin")
  long read_spin_us() default 0;
}
