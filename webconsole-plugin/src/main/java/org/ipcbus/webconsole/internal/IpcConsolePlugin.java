package org.ipcbus.webconsole.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.ipcbus.api.IpcMain;
import org.ipcbus.api.IpcRenderer;
import org.ipcbus.api.runtime.IpcRuntime;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The Web Console tab "IPC" ({@code /system/console/ipc}): a plain Servlet service that the Felix
 * Web Console picks up by its {@code felix.webconsole.label}. The console frames the page (a path
 * without extension) and checks its login for every path; the other paths reach this servlet as
 * they are:
 *
 * <ul>
 *   <li>{@code GET data.json}: the runtime state, the settings and policy in force and the action
 *       token ({@link RuntimeSnapshot});
 *   <li>{@code POST send.json}, {@code POST invoke.json}: the actions ({@link Actions}), behind the
 *       {@link CrossSiteGuard};
 *   <li>{@code GET ipc.js}, {@code GET ipc.css}: the page's script and style, from the bundle.
 * </ul>
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + IpcConsolePlugin.LABEL,
    "felix.webconsole.title=IPC",
    "felix.webconsole.category=OSGi"})
public final class IpcConsolePlugin extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The tab's path under the console: {@code /system/console/ipc}. */
  static final String LABEL = "ipc";

  private static final String JSON = "application/json;charset=UTF-8";

  @Reference
  private transient IpcRuntime runtime;
  @Reference
  private transient ServiceReference<IpcRuntime> runtimeReference;
  @Reference
  private transient IpcMain ipcMain;
  @Reference
  private transient ComponentServiceObjects<IpcRenderer> renderers;

  private transient CrossSiteGuard guard;
  private transient Actions actions;
  private transient IpcRenderer ownRenderer;

  @Activate
  void activate() {
    guard = new CrossSiteGuard();
    actions = new Actions(ipcMain, this::ownRenderer);
  }

  @Deactivate
  synchronized void deactivate() {
    if (ownRenderer != null) {
      renderers.ungetService(ownRenderer);
      ownRenderer = null;
    }
  }

  /** The renderer invoke calls as, got on first use: until then the plugin is no WebContents. */
  private synchronized IpcRenderer ownRenderer() {
    if (ownRenderer == null) {
      ownRenderer = renderers.getService();
    }
    return ownRenderer;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (subPath(request)) {
      case "", "/" -> page(request, response);
      case "/data.json" -> data(response);
      case "/ipc.js" -> resource(response, "ipc.js", "text/javascript;charset=UTF-8");
      case "/ipc.css" -> resource(response, "ipc.css", "text/css;charset=UTF-8");
      case "/send.json", "/invoke.json" -> {
        response.setHeader("Allow", "POST");
        json(response, 405, Json.error("Use POST: an action changes state"));
      }
      default -> json(response, 404, Json.error("No such path: " + request.getPathInfo()));
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (request.getCharacterEncoding() == null) {
      request.setCharacterEncoding("UTF-8");
    }
    String path = subPath(request);
    try {
      if (!path.equals("/send.json") && !path.equals("/invoke.json")) {
        throw new BadRequestException(404, "No action at " + request.getPathInfo() + "; POST send.json or invoke.json");
      }
      guard.check(request);
      Map<String, Object> result = path.equals("/send.json")
          ? actions.send(request.getParameter("renderer"), request.getParameter("channel"), request.getParameter("args"))
          : actions.invoke(request.getParameter("channel"), request.getParameter("args"));
      json(response, 200, Json.write(result));
    } catch (BadRequestException e) {
      json(response, e.status(), Json.error(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      json(response, 503, Json.error("Interrupted while waiting for the reply"));
    }
  }

  /** @return the path after the tab's label: "" for the page, "/data.json", ... */
  private static String subPath(HttpServletRequest request) {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String prefix = "/" + LABEL;
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  private void data(HttpServletResponse response) throws IOException {
    Map<String, Object> properties = new HashMap<>();
    for (String key : runtimeReference.getPropertyKeys()) {
      properties.put(key, runtimeReference.getProperty(key));
    }
    Map<String, Object> document = RuntimeSnapshot.of(runtime.getRuntimeDTO(), properties, System.currentTimeMillis());
    document.put("token", guard.token());
    response.setHeader("Cache-Control", "no-store");
    json(response, 200, Json.write(document));
  }

  private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object pluginRoot = request.getAttribute("felix.webconsole.pluginRoot");
    String root = pluginRoot != null ? pluginRoot.toString()
        : request.getContextPath() + request.getServletPath() + "/" + LABEL;
    String html = text("page.html").replace("{{root}}", Html.escape(root));
    response.setContentType("text/html;charset=UTF-8");
    response.getWriter().write(html);
  }

  private static void resource(HttpServletResponse response, String name, String type) throws IOException {
    response.setContentType(type);
    response.setHeader("Cache-Control", "no-cache");
    response.getWriter().write(text(name));
  }

  private static String text(String name) throws IOException {
    try (InputStream in = IpcConsolePlugin.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("the bundle lacks its resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void json(HttpServletResponse response, int status, String body) throws IOException {
    response.setStatus(status);
    response.setContentType(JSON);
    // Never to be run as a script by another site's page that includes it.
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.getWriter().write(body);
  }
}
