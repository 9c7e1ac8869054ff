package dev.paykit.domain.payment;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The URL rule every outward address follows: {@code https://}, except {@code http://} to a
 * loopback host (a sandbox or a test on the same machine); no user information ({@code
 * user:password@}), which would be sent to whoever serves the URL and printed wherever it is; a
 * port, if any, from 1 to 65535. Errors never quote the URL, which may hold a secret.
 */
public final class SecureUrl {
  private static final Pattern LOOPBACK_IPV4 =
      Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private SecureUrl() {}

  public static URI require(String field, String value) {
    Require.text(field, value, 1, 2048);
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ValidationException(field, "invalid_url", "is not a valid URL: " + e.getReason());
    } catch (NumberFormatException e) {
      // The JDK's URI parser lets this escape for an IPv4 part of an IPv6 literal that overflows
      // an int ([::1.2.3.99999999999]).
      throw new ValidationException(
          field, "invalid_url", "is not a valid URL: unreadable IPv6 address");
    }
    return require(field, uri);
  }

  public static URI require(String field, URI uri) {
    Require.present(field, uri);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new ValidationException(field, "invalid_url", "must be an absolute URL with a host");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean secure = scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost());
    if (!secure) {
      throw new ValidationException(
          field, "insecure_url", "must use https:// (http:// is allowed only for loopback hosts)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ValidationException(
          field,
          "credentials_in_url",
          "must not contain user information (user:password@); give credentials separately");
    }
    if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
      throw new ValidationException(field, "invalid_port", "must have a port from 1 to 65535");
    }
    return uri;
  }

  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || LOOPBACK_IPV4.matcher(h).matches()
        || h.equals("[::1]")
        || h.equals("::1");
  }
}
