package org.ipcbus.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

class CrossSiteGuardTest {

  private final CrossSiteGuard guard = new CrossSiteGuard();

  /** A request to http://localhost:8080 with these headers (name, value, ...). */
  private static HttpServletRequest request(String... headers) {
    Map<String, String> map = new HashMap<>();
    map.put("Host", "localhost:8080");
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getHeader" -> map.get((String) args[0]);
          case "getScheme" -> "http";
          case "getServerName" -> "localhost";
          case "getServerPort" -> 8080;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private String refusal(HttpServletRequest request) {
    BadRequestException refused = assertThrows(BadRequestException.class, () -> guard.check(request));
    assertEquals(403, refused.status());
    return refused.getMessage();
  }

  @Test
  void theTokenFromTheSameOriginPasses() {
    assertDoesNotThrow(() -> guard.check(request("X-Ipcbus-Token", guard.token())));
    assertDoesNotThrow(() -> guard.check(request("X-Ipcbus-Token", guard.token(), "Origin", "http://localhost:8080",
        "Sec-Fetch-Site", "same-origin")));
  }

  @Test
  void aMissingOrWrongTokenIsRefused() {
    assertEquals("Missing header X-Ipcbus-Token: an action must carry the token that data.json gives (field token)",
        refusal(request()));
    assertEquals("Wrong header X-Ipcbus-Token: an action must carry the token that data.json gives (field token)",
        refusal(request("X-Ipcbus-Token", guard.token() + "x")));
  }

  @Test
  void anotherOriginOrACrossSiteFetchIsRefusedEvenWithTheToken() {
    assertEquals("Refused a cross-site request: Origin http://evil.example is not this console's http://localhost:8080",
        refusal(request("X-Ipcbus-Token", guard.token(), "Origin", "http://evil.example")));
    assertEquals("Refused a cross-site request: the browser says it comes from a same-site page (Sec-Fetch-Site)",
        refusal(request("X-Ipcbus-Token", guard.token(), "Sec-Fetch-Site", "same-site")));
    refusal(request("X-Ipcbus-Token", guard.token(), "Sec-Fetch-Site", "cross-site"));
  }

  @Test
  void eachGuardHasItsOwnToken() {
    assertNotEquals(guard.token(), new CrossSiteGuard().token());
  }
}
