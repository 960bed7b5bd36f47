package org.ipcbus.itests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain HTTP client of the console's tab IPC (JDK HttpClient, nothing of the plugin's), with or
 * without the Web Console's default login admin/admin.
 */
final class ConsoleClient {

  static final String USER = "admin";
  static final String PASSWORD = "admin";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String origin;

  ConsoleClient() {
    this.origin = "http://localhost:" + System.getProperty(ConsoleOptions.PORT_PROPERTY);
  }

  /** @return http://localhost:port */
  String origin() {
    return origin;
  }

  /** @return the URL of a path under the tab, "" being the page itself */
  String url(String path) {
    return origin + "/system/console/ipc" + path;
  }

  HttpResponse<String> get(String path, boolean login) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET();
    if (login) {
      request.header("Authorization", basic());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Posts a form to an action.
   *
   * @param headers extra headers, for example X-Ipcbus-Token or Origin
   * @param form the form fields
   */
  HttpResponse<String> post(String path, boolean login, Map<String, String> headers, Map<String, String> form)
      throws IOException, InterruptedException {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (login) {
      request.header("Authorization", basic());
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** @return the action token, from data.json */
  String token() throws IOException, InterruptedException {
    HttpResponse<String> data = get("/data.json", true);
    Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(data.body());
    if (data.statusCode() != 200 || !token.find()) {
      throw new AssertionError("data.json gave no token: HTTP " + data.statusCode() + " " + data.body());
    }
    return token.group(1);
  }

  /** Waits until Jetty, the Web Console and the plugin answer data.json. */
  void awaitUp() {
    Await.within(30_000, "the console serves " + url("/data.json"), () -> {
      try {
        return get("/data.json", true).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  static Map<String, String> map(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }
}
