package org.ipcbus.impl.bus;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;

/** Bundle identities for unit tests of the bus, which needs nothing of a bundle but its identity. */
final class TestBundles {

  private static final AtomicLong IDS = new AtomicLong(100);

  private TestBundles() {}

  static Bundle named(String symbolicName) {
    long id = IDS.incrementAndGet();
    return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getSymbolicName" -> symbolicName;
          case "getBundleId" -> id;
          case "getState" -> Bundle.ACTIVE;
          case "getHeaders" -> new Hashtable<>(Map.of("Bundle-SymbolicName", symbolicName,
              "Bundle-Vendor", "test"));
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> symbolicName + " [" + id + "]";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
