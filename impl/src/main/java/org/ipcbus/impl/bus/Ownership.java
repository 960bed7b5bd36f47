package org.ipcbus.impl.bus;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Who owns a registration on main's side. In Electron all of main is one program, so any code may
 * remove any listener or handler; in a framework main is many bundles, often of many vendors, so a
 * bundle acts only on what it added through its own IpcMain, and a whiteboard registration belongs
 * to its service registration.
 */
final class Ownership {

  private Ownership() {}

  /**
   * @param entry a registration
   * @return who owns it, for messages: "bundle com.acme.x (12)" or "whiteboard service 45 of
   *     bundle com.acme.x (12)"
   */
  static String ownerOf(ListenerEntry<?> entry) {
    if (entry.owner() instanceof ServiceReference<?> service) {
      return "whiteboard service " + service.getProperty(Constants.SERVICE_ID) + " of " + entry.actor();
    }
    return entry.actor().toString();
  }

  /**
   * The refusal of a removeHandler by a bundle that does not own the channel's handler.
   *
   * @param channel the channel
   * @param entry the handler that holds it
   * @param caller the bundle that asked
   * @return the exception to throw
   */
  static IllegalStateException notYours(String channel, ListenerEntry<?> entry, Actor caller) {
    String unregister = entry.owner() instanceof ServiceReference<?>
        ? "; unregistering the service removes it" : "";
    return new IllegalStateException("The handler of channel '" + channel + "' belongs to "
        + ownerOf(entry) + ": " + caller + " cannot remove it" + unregister);
  }
}
