package org.ipcbus.webconsole.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.http.HttpServletRequest;

/**
 * Refuses state-changing requests that another site's page could make a logged-in browser send.
 *
 * <p>The Web Console's authentication runs before the plugin; but a browser sends the console's
 * Basic credentials with any request to it, also one that another site's form or script starts. So
 * an action must also carry the token of this plugin in the header {@value #TOKEN_HEADER}: a page of
 * another origin can neither read the token (the plugin sends no CORS headers) nor set a custom
 * header without a CORS preflight, which the plugin does not answer. On top of that, a request the
 * browser marks as coming from elsewhere ({@code Sec-Fetch-Site}), or whose {@code Origin} is not
 * the console's own, is refused before the token is even looked at.
 */
final class CrossSiteGuard {

  /** The request header that must carry the token. */
  static final String TOKEN_HEADER = "X-Ipcbus-Token";

  private final String token;

  /** A guard with a new random token, good until the plugin stops. */
  CrossSiteGuard() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** @return the token that actions must carry */
  String token() {
    return token;
  }

  /**
   * @param request an action
   * @throws BadRequestException (403) naming why, if the request may come from another site
   */
  void check(HttpServletRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
      throw new BadRequestException(403, "Refused a cross-site request: the browser says it comes from a "
          + fetchSite + " page (Sec-Fetch-Site)");
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !origin.equals(ownOrigin(request))) {
      throw new BadRequestException(403, "Refused a cross-site request: Origin " + origin
          + " is not this console's " + ownOrigin(request));
    }
    String given = request.getHeader(TOKEN_HEADER);
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8))) {
      throw new BadRequestException(403, (given == null ? "Missing" : "Wrong") + " header " + TOKEN_HEADER
          + ": an action must carry the token that data.json gives (field token)");
    }
  }

  /** @return scheme://host[:port] as the client addressed this server (its Host header) */
  private static String ownOrigin(HttpServletRequest request) {
    String host = request.getHeader("Host");
    if (host == null) {
      host = request.getServerName() + ":" + request.getServerPort();
    }
    return request.getScheme() + "://" + host;
  }
}
