package org.ipcbus.impl.bus;

import java.util.Dictionary;

/** What the access policy's filters are matched against: a bundle's manifest headers. */
public interface PolicySubject {

  /** @return the raw (not localized) manifest headers; read only when a rule names the channel */
  Dictionary<String, String> headers();
}
