package dev.paykit.transport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One logical request to a provider, built once and sent as it is on every attempt of a {@link
 * ProviderExchange}: its {@code Idempotency-Key} is the same on each, which is what makes retrying
 * a create safe. Immutable; each {@code with...} returns a new request.
 *
 * <p>Its {@link #toString()} names the operation, the method and the path, never the query (it may
 * hold a customer's data), a header value or the body.
 */
public final class ProviderRequest {
  /** The content type of a body of {@code key=value} pairs joined by {@code &}, as Stripe takes. */
  public static final String FORM = "application/x-www-form-urlencoded";

  /** The content type of a JSON body. */
  public static final String JSON = "application/json";

  /** The header that carries the idempotency key. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Headers the exchange sets itself, from the credentials and the body. */
  private static final Set<String> RESERVED = Set.of("authorization", "content-type");

  private final String operation;
  private final String method;
  private final String pathAndQuery;
  private final String contentType;
  private final byte[] body;
  private final Map<String, String> headers;

  private ProviderRequest(
      String operation,
      String method,
      String pathAndQuery,
      String contentType,
      byte[] body,
      Map<String, String> headers) {
    this.operation = operation;
    this.method = method;
    this.pathAndQuery = pathAndQuery;
    this.contentType = contentType;
    this.body = body;
    this.headers = headers;
  }

  /**
   * A GET of {@code pathAndQuery}, relative to the exchange's base URL ({@code /v1/payments?limit=
   * 10}); encode each value put in it with {@link #encode}.
   *
   * @param operation names the call in logs, metrics and results ({@code getPayment})
   */
  public static ProviderRequest get(String operation, String pathAndQuery) {
    return new ProviderRequest(
        requireText(operation, "operation"),
        "GET",
        requirePath(pathAndQuery),
        null,
        null,
        Map.of());
  }

  /** A POST of {@code body}, sent as {@code contentType} ({@link #JSON}, {@link #FORM}). */
  public static ProviderRequest post(
      String operation, String pathAndQuery, String contentType, byte[] body) {
    return of(operation, "POST", pathAndQuery, contentType, body);
  }

  /** A request with a body and any method ({@code PUT}, {@code PATCH}, {@code DELETE}). */
  public static ProviderRequest of(
      String operation, String method, String pathAndQuery, String contentType, byte[] body) {
    Objects.requireNonNull(body, "body");
    return new ProviderRequest(
        requireText(operation, "operation"),
        requireText(method, "method").toUpperCase(Locale.ROOT),
        requirePath(pathAndQuery),
        requireText(contentType, "contentType"),
        body.clone(),
        Map.of());
  }

  /** This request with {@code Idempotency-Key: key}. */
  public ProviderRequest withIdempotencyKey(String key) {
    return withHeader(IDEMPOTENCY_KEY, requireText(key, "idempotency key"));
  }

  /**
   * This request with one more header (an API version, say), replacing one of the same name. {@code
   * Authorization} and {@code Content-Type} are the exchange's to set.
   *
   * @throws IllegalArgumentException for those two, or a name or value that is blank or holds a
   *     line break
   */
  public ProviderRequest withHeader(String name, String value) {
    requireText(name, "header name");
    Objects.requireNonNull(value, "header value");
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "header " + name + " is set by the exchange (credentials or body)");
    }
    if (name.indexOf('\r') >= 0
        || name.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0
        || value.indexOf('\n') >= 0) {
      // The value itself stays out of the message: it may be a key or a customer's data.
      throw new IllegalArgumentException("header " + name.strip() + ": must be a single line");
    }
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
    more.put(name, value);
    return new ProviderRequest(
        operation, method, pathAndQuery, contentType, body, Map.copyOf(more));
  }

  /** A value as one path segment or query value: ids are the provider's and may hold anything. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** What the call is called in logs, metrics and results. */
  public String operation() {
    return operation;
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The path and query, relative to the exchange's base URL. */
  public String pathAndQuery() {
    return pathAndQuery;
  }

  String contentType() {
    return contentType;
  }

  byte[] body() {
    return body;
  }

  Map<String, String> headers() {
    return headers;
  }

  /** {@code createPayment (POST /v1/payments)}: no query, no header value, no body. */
  @Override
  public String toString() {
    int query = pathAndQuery.indexOf('?');
    return operation
        + " ("
        + method
        + " "
        + (query < 0 ? pathAndQuery : pathAndQuery.substring(0, query))
        + ")";
  }

  private static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  private static String requirePath(String pathAndQuery) {
    requireText(pathAndQuery, "pathAndQuery");
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("pathAndQuery must start with '/'");
    }
    return pathAndQuery;
  }
}
