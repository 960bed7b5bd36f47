package org.ipcbus.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bundle that a child announces with OPEN: what main shows as the WebContents' bundle. Main
 * knows it only from the child's word; the child process as a whole is what main authenticated.
 *
 * @param symbolicName the bundle's symbolic name
 * @param version the bundle's version, as text
 * @param bundleId the bundle's id in the child's framework (not unique across children)
 * @param headers the bundle's manifest headers, in order; unmodifiable
 */
public record BundleInfo(String symbolicName, String version, long bundleId,
    Map<String, String> headers) {

  /**
   * Checks the fields and copies the headers.
   *
   * @param symbolicName the bundle's symbolic name
   * @param version the bundle's version, as text
   * @param bundleId the bundle's id in the child's framework
   * @param headers the bundle's manifest headers, in order
   */
  public BundleInfo {
    Objects.requireNonNull(symbolicName, "symbolicName");
    Objects.requireNonNull(version, "version");
    if (bundleId < 0) {
      throw new IllegalArgumentException("bundleId must not be negative, was " + bundleId);
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    headers.forEach((key, value) -> {
      Objects.requireNonNull(key, "header name");
      Objects.requireNonNull(value, "value of header " + key);
    });
  }
}
