package org.ipcbus.webconsole.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

import org.ipcbus.api.IpcAccessDeniedException;
import org.ipcbus.api.IpcException;
import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.WebContents;

/**
 * The page's two actions, with the rules of the shell's {@code ipc:send} and {@code ipc:invoke}:
 * {@code send} as {@code webContents.send} from main (by this plugin's bundle, for the access
 * policy's main-send rules), {@code invoke} as the renderer of this plugin's bundle.
 */
final class Actions {

  /** How the plugin gets its own renderer, on first use: getting one creates a WebContents. */
  interface RendererSupplier {
    IpcRenderer get();
  }

  private final IpcMain ipcMain;
  private final RendererSupplier renderer;

  Actions(IpcMain ipcMain, RendererSupplier renderer) {
    this.ipcMain = ipcMain;
    this.renderer = renderer;
  }

  /**
   * Sends a message to one renderer.
   *
   * @param rendererId the WebContents id, as text from the request
   * @param channel the channel
   * @param jsonArgs the arguments as a JSON array, or null or blank for none
   * @return {@code {"result": "Sent to WebContents 1 on channel 'x'"}}
   * @throws BadRequestException (400) for a missing or bad parameter, (404) for an unknown renderer,
   *     or what the bus refused (see {@link #refused})
   */
  Map<String, Object> send(String rendererId, String channel, String jsonArgs) {
    long id = rendererId(rendererId);
    String name = channel(channel);
    Object[] args = Json.parseArgs(jsonArgs);
    WebContents target = ipcMain.fromId(id).orElseThrow(() -> new BadRequestException(404,
        "No renderer with WebContents id " + id + "; the table Renderers lists them"));
    try {
      target.send(name, args);
    } catch (IllegalArgumentException | IpcException e) {
      throw refused(e);
    }
    return Map.of("result", "Sent to WebContents " + id + " on channel '" + name + "'");
  }

  /**
   * Invokes main's handler of a channel and waits for its reply (at most the bus's invoke timeout).
   *
   * @return {@code {"result": reply}}
   * @throws BadRequestException (400) for a missing or bad parameter, (403) if the access policy
   *     refused it, (502) if the invoke failed: no handler, the handler threw, the timeout
   */
  Map<String, Object> invoke(String channel, String jsonArgs) throws InterruptedException {
    String name = channel(channel);
    Object[] args = Json.parseArgs(jsonArgs);
    try {
      return Map.of("result", String.valueOf(Json.write(renderer.get().invoke(name, args).getValue())));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      int status = cause instanceof IpcAccessDeniedException ? 403 : 502;
      throw new BadRequestException(status, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (IllegalArgumentException | IpcException e) {
      throw refused(e);
    }
  }

  /**
   * What the bus refused at once: a bad channel name or a value it cannot clone (400), the access
   * policy (403), a closed bus or a full queue (503).
   */
  private static BadRequestException refused(RuntimeException e) {
    int status = e instanceof IllegalArgumentException ? 400 : e instanceof IpcAccessDeniedException ? 403 : 503;
    return new BadRequestException(status, e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  private static long rendererId(String text) {
    if (text == null || text.isBlank()) {
      throw new BadRequestException("renderer is missing: the WebContents id to send to");
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException("renderer must be a WebContents id (a whole number), was: " + text);
    }
  }

  private static String channel(String channel) {
    if (channel == null || channel.isBlank()) {
      throw new BadRequestException("channel is missing");
    }
    return channel;
  }
}
