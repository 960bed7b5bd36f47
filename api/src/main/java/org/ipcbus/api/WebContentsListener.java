package org.ipcbus.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears renderers come and go: Electron's {@code app.on('web-contents-created')} and the
 * {@code webContents} events {@code 'destroyed'}, {@code 'render-process-gone'},
 * {@code 'unresponsive'} and {@code 'responsive'}.
 *
 * <p>A whiteboard service: register an implementation as an OSGi service and ipcbus calls it while
 * it is registered. The methods run on main's dispatch thread, one at a time, in order with the
 * renderers' messages: a renderer's {@code created} comes before main sees its first message, and
 * every message it sent comes before its {@code destroyed}. A listener that throws is logged and
 * harms nothing else. Override only the methods you need.
 *
 * @since 1.1
 */
@ConsumerType
public interface WebContentsListener {

  /**
   * A renderer was created: a bundle became a renderer, in main's framework or in a renderer
   * process; Electron's {@code app.on('web-contents-created')}.
   *
   * @param webContents the new renderer
   */
  default void created(WebContents webContents) {}

  /**
   * A renderer was destroyed; Electron's {@code webContents.on('destroyed')}. Its waiting calls
   * have ended with {@link IpcClosedException} and sends to it throw.
   *
   * @param webContents the renderer, {@link WebContents#isDestroyed() destroyed}
   * @param reason why: "its bundle stopped" (the renderer bundle stopped), "its bundle stopped
   *     using ipcbus" (it still runs, but released IpcRenderer and unregistered its
   *     IpcRendererListener services), "ipcbus stopped" (then this runs on the thread that stops
   *     ipcbus, after main's dispatch thread ended), or for a renderer process e.g. "its process
   *     ended: killed, exit code 137"
   */
  default void destroyed(WebContents webContents, String reason) {}

  /**
   * The process a renderer ran in is gone; Electron's {@code webContents.on('render-process-gone')}.
   * Unlike in Electron, the renderer is destroyed with it ({@link #destroyed} follows); the process
   * is started again according to its configuration, with new renderers.
   *
   * @param webContents the renderer of that process
   * @param details why it went and its exit code
   */
  default void renderProcessGone(WebContents webContents, RenderProcessGoneDetails details) {}

  /**
   * The process a renderer runs in stopped answering main; Electron's
   * {@code webContents.on('unresponsive')}.
   *
   * @param webContents the renderer of that process
   */
  default void unresponsive(WebContents webContents) {}

  /**
   * The process of a renderer that was unresponsive answers again; Electron's
   * {@code webContents.on('responsive')}.
   *
   * @param webContents the renderer of that process
   */
  default void responsive(WebContents webContents) {}
}
