package org.ipcbus.impl.osgi;

import org.ipcbus.impl.bus.BusConfig;
import org.ipcbus.impl.clone.CloneLimits;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The configuration of ipcbus, PID {@code org.ipcbus}; every setting may change at runtime. */
@ObjectClassDefinition(id = IpcBusConfiguration.PID, name = "ipcbus",
    description = "Electron-style IPC: timeouts, queue bounds and message limits")
@interface IpcBusConfiguration {

  /** The configuration PID. */
  String PID = "org.ipcbus";

  @AttributeDefinition(name = "sendSync timeout (ms)", min = "1",
      description = "How long sendSync waits for main's listeners before IpcTimeoutException; "
          + "also how long a sender waits for room in a full queue")
  long sync_timeout_ms() default BusConfig.DEFAULT_TIMEOUT_MILLIS;

  @AttributeDefinition(name = "invoke timeout (ms)", min = "1",
      description = "How long an invoke waits for its handler's reply before IpcTimeoutException")
  long invoke_timeout_ms() default BusConfig.DEFAULT_TIMEOUT_MILLIS;

  @AttributeDefinition(name = "Queue capacity", min = "1",
      description = "How many messages one renderer may have waiting for main, and main for one "
          + "renderer; a sender finding the queue full waits up to the sendSync timeout")
  int queue_capacity() default BusConfig.DEFAULT_QUEUE_CAPACITY;

  @AttributeDefinition(name = "Queue byte budget", min = "1",
      description = "How many bytes (as the clone estimates a message's size) one renderer may have "
          + "waiting for main, and main for one renderer; a sender finding them used up waits up to "
          + "the sendSync timeout. One larger message still passes when the queue holds no bytes")
  long queue_bytes() default BusConfig.DEFAULT_QUEUE_BYTES;

  @AttributeDefinition(name = "Max message size (bytes)", min = "1",
      description = "The largest cloned message: 2 bytes per char of a string, the element size "
          + "of primitive arrays, 8 bytes for any other value")
  long max_message_bytes() default CloneLimits.DEFAULT_MAX_BYTES;

  @AttributeDefinition(name = "Max nesting depth", min = "1", max = "" + CloneLimits.HIGHEST_MAX_DEPTH,
      description = "How deep lists, maps, records and DTOs may nest in one message")
  int max_depth() default CloneLimits.DEFAULT_MAX_DEPTH;

  @AttributeDefinition(name = "Slow listener threshold (ms)", min = "1",
      description = "A main listener or handler that runs this long holds up every other message; "
          + "it is logged as a warning and counted in the runtime DTO")
  long slow_listener_ms() default BusConfig.DEFAULT_SLOW_LISTENER_MILLIS;

  @AttributeDefinition(name = "Hand-off time (ms)", min = "1",
      description = "A main listener or handler that holds the dispatch thread this long is left to "
          + "finish on its own thread, and main goes on with the other messages on a new one")
  long handoff_ms() default BusConfig.DEFAULT_HAND_OFF_MILLIS;
}
