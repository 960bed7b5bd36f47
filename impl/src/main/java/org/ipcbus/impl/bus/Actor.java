package org.ipcbus.impl.bus;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.Bundle;

/**
 * A bundle acting on main's side: one that listens, handles, intercepts, or sends to renderers as
 * main. The access policy decides on what it does by its manifest headers, which are read once, on
 * the first decision that needs them: the framework builds a new dictionary on each call, and a
 * bundle's headers only change by an update, which ends its registrations anyway.
 */
public final class Actor implements PolicySubject {

  /** An actor of no known bundle: no header, so it matches no filter. */
  public static final Actor UNKNOWN = new Actor(null);

  private final Bundle bundle;
  private volatile Dictionary<String, String> headers;

  /**
   * Creates the actor of a bundle.
   *
   * @param bundle the bundle, or null if it is not known
   */
  public Actor(Bundle bundle) {
    this.bundle = bundle;
  }

  /** @return the bundle, or null for {@link #UNKNOWN} */
  public Bundle bundle() {
    return bundle;
  }

  @Override
  public Dictionary<String, String> headers() {
    Dictionary<String, String> read = headers;
    if (read == null) {
      read = bundle == null ? new Hashtable<>() : bundle.getHeaders("");
      headers = read;
    }
    return read;
  }

  /** @return "bundle com.acme.admin (12)", as the policy's and ownership's messages name it */
  @Override
  public String toString() {
    return bundle == null ? "an unknown bundle"
        : "bundle " + bundle.getSymbolicName() + " (" + bundle.getBundleId() + ")";
  }
}
