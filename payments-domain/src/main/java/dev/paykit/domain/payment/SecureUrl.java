package dev.paykit.domain.payment;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URL rule every outward address follows: {@code https://}, except {@code http://} to a
 * loopback host (a sandbox or a test on the same machine).
 */
public final class SecureUrl {
  private SecureUrl() {}

  public static URI require(String field, String value) {
    Require.text(field, value, 1, 2048);
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ValidationException(field, "invalid_url", "is not a valid URL: " + e.getReason());
    }
    return require(field, uri);
  }

  public static URI require(String field, URI uri) {
    Require.present(field, uri);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new ValidationException(field, "invalid_url", "must be an absolute URL with a host");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return uri;
    }
    if (scheme.equals("http") && isLoopback(uri.getHost())) {
      return uri;
    }
    throw new ValidationException(
        field, "insecure_url", "must use https:// (http:// is allowed only for loopback hosts)");
  }

  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || h.equals("[::1]")
        || h.equals("::1");
  }
}
