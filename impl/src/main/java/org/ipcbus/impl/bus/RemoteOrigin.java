package org.ipcbus.impl.bus;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

/**
 * Where a renderer of another process comes from: the process main launched under a name, and the
 * bundle in it, as that process described it.
 *
 * @param processName the name main launched the process under; main's own, so trustworthy
 * @param pid the operating-system id of the process
 * @param symbolicName the renderer bundle's symbolic name in its framework
 * @param version the renderer bundle's version
 * @param bundleId the renderer bundle's id in its framework
 * @param headers the renderer bundle's manifest headers, as its process reported them
 * @param protocolVersion the protocol version of its connection; MessagePorts cross it from 2 on
 */
public record RemoteOrigin(String processName, long pid, String symbolicName, String version,
    long bundleId, Map<String, String> headers, int protocolVersion) {

  /** The first protocol version with MessagePorts (the wire's PORTS_VERSION; impl/bus does not see the wire). */
  public static final int PORTS_VERSION = 2;

  /**
   * The header the access policy sees with the process's name. Main sets it itself, over anything
   * a process claims under that name, so a rule such as {@code (Ipc-Process=billing)} can be
   * trusted as far as main's own launch configuration.
   */
  public static final String PROCESS_HEADER = "Ipc-Process";

  /** Copies the headers (unmodifiable), so that the record is immutable. */
  public RemoteOrigin {
    headers = Map.copyOf(headers);
  }

  /** @return whether ports can be transferred to and from this renderer: its connection speaks version 2 */
  public boolean takesPorts() {
    return protocolVersion >= PORTS_VERSION;
  }

  /** @return the headers the access policy matches: the reported ones and {@value #PROCESS_HEADER} */
  Dictionary<String, String> policyHeaders() {
    Hashtable<String, String> all = new Hashtable<>(headers);
    all.put(PROCESS_HEADER, processName);
    return all;
  }

  @Override
  public String toString() {
    return symbolicName + " in process '" + processName + "' (pid " + pid + ")";
  }
}
