package org.ipcbus.benchmarks.support;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;

/**
 * Bundle identities for renderers of a bus run without a framework, as the impl's unit tests make
 * them: the bus needs nothing of a bundle but its identity.
 */
public final class FakeBundles {

  private static final AtomicLong IDS = new AtomicLong(1_000);

  private FakeBundles() {}

  /**
   * @param prefix the start of the symbolic name
   * @return a new bundle identity, equal only to itself
   */
  public static Bundle next(String prefix) {
    long id = IDS.incrementAndGet();
    String symbolicName = prefix + "." + id;
    return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getSymbolicName" -> symbolicName;
          case "getBundleId" -> id;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> symbolicName + " [" + id + "]";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
