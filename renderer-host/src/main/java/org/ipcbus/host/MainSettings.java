package org.ipcbus.host;

import java.util.Map;

import org.ipcbus.impl.clone.CloneLimits;
import org.ipcbus.wire.WireLimits;
import org.ipcbus.wire.WireProtocol;

/**
 * What main told this process in its WELCOME: the timeouts and limits of main's bus, which this
 * process applies to its own calls so that they behave as in main's framework.
 *
 * @param processName this process's name
 * @param syncTimeoutMillis sendSync's timeout
 * @param invokeTimeoutMillis invoke's timeout
 * @param cloneLimits the bounds of one message
 * @param maxFrameBytes the largest frame main accepts
 */
record MainSettings(String processName, long syncTimeoutMillis, long invokeTimeoutMillis,
    CloneLimits cloneLimits, int maxFrameBytes) {

  /** The WELCOME setting with the largest cloned message main accepts (main adds it to the required ones). */
  static final String MAX_MESSAGE_BYTES = "max.message.bytes";

  /** Reads the settings of a WELCOME, with main's defaults for any it left out. */
  static MainSettings of(String processName, Map<String, Long> welcome) {
    return new MainSettings(processName,
        welcome.getOrDefault(WireProtocol.SYNC_TIMEOUT_MS, 30_000L),
        welcome.getOrDefault(WireProtocol.INVOKE_TIMEOUT_MS, 30_000L),
        new CloneLimits(welcome.getOrDefault(WireProtocol.MAX_DEPTH, (long) CloneLimits.DEFAULT_MAX_DEPTH).intValue(),
            welcome.getOrDefault(MAX_MESSAGE_BYTES, CloneLimits.DEFAULT_MAX_BYTES)),
        welcome.getOrDefault(WireProtocol.MAX_FRAME_BYTES, (long) WireLimits.DEFAULT_MAX_FRAME_BYTES).intValue());
  }

  /** @return the name, for messages */
  String name() {
    return processName;
  }
}
