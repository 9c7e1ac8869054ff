package dev.paykit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paykit.adapter.http.ProviderJson.TextRule;
import dev.paykit.adapter.http.ProviderJson.UnreadableJsonException;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.shared.LogText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client-credentials tokens for the provider, cached until shortly before they expire.
 * However many threads find the token stale at once, one request goes out and all of them share its
 * outcome, token or failure.
 */
final class TokenProvider {
  private static final Logger log = LoggerFactory.getLogger(TokenProvider.class);

  /** How long before its expiry a token is replaced, at most; short-lived tokens at half-life. */
  static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

  /**
   * The longest lifetime taken from a token response. Real tokens live minutes to hours; a larger
   * {@code expires_in} is a broken answer, and one near {@code Long.MAX_VALUE} would overflow the
   * expiry instant.
   */
  static final Duration MAX_LIFETIME = Duration.ofDays(366);

  /**
   * RFC 6750's b64token, the syntax of a bearer token: anything else could not be sent in the
   * {@code Authorization} header (a line break would even add a header of its own).
   */
  private static final TextRule ACCESS_TOKEN =
      new TextRule(Pattern.compile("[A-Za-z0-9._~+/-]+=*"), 8192, "RFC 6750 token characters");

  /** Getting a token failed; {@link #isTransient} failures are worth another attempt. */
  static final class TokenException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;
    private final int status;
    private final String code;
    private final String requestId;
    private final Duration retryAfter;

    TokenException(
        String message,
        boolean transientFailure,
        int status,
        String code,
        String requestId,
        Duration retryAfter) {
      super(message);
      this.transientFailure = transientFailure;
      this.status = status;
      this.code = code;
      this.requestId = requestId;
      this.retryAfter = retryAfter;
    }

    boolean isTransient() {
      return transientFailure;
    }

    int status() {
      return status;
    }

    String code() {
      return code;
    }

    String requestId() {
      return requestId;
    }

    Duration retryAfter() {
      return retryAfter;
    }
  }

  private record AccessToken(String value, Duration lifetime, Instant refreshAt) {
    boolean freshAt(Instant now) {
      return now.isBefore(refreshAt);
    }

    @Override
    public String toString() {
      return "AccessToken[redacted, refreshAt=" + refreshAt + "]";
    }
  }

  private final HttpClient http;
  private final URI tokenUri;
  private final String basicCredentials;
  private final Duration requestTimeout;
  private final ProviderJson json;
  private final PaykitObserver observer;
  private final Clock clock;

  private final Object lock = new Object();
  private volatile AccessToken current;
  private CompletableFuture<AccessToken> inflight;

  TokenProvider(
      HttpClient http,
      ProviderHttpSettings settings,
      ProviderJson json,
      PaykitObserver observer,
      Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.tokenUri = Endpoints.resolve(settings.baseUri(), "/oauth/token");
    this.basicCredentials =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (settings.clientId() + ":" + settings.clientSecret().reveal())
                        .getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = settings.requestTimeout();
    this.json = Objects.requireNonNull(json, "json");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A token that is good for a while yet, fetched only if the cached one is not. */
  String token() throws TokenException {
    AccessToken cached = current;
    if (cached != null && cached.freshAt(clock.instant())) {
      return cached.value();
    }
    CompletableFuture<AccessToken> shared;
    boolean fetching = false;
    synchronized (lock) {
      cached = current;
      if (cached != null && cached.freshAt(clock.instant())) {
        return cached.value();
      }
      if (inflight == null) {
        inflight = new CompletableFuture<>();
        fetching = true;
      }
      shared = inflight;
    }
    if (fetching) {
      fetchInto(shared);
    }
    try {
      return shared.join().value();
    } catch (CompletionException e) {
      if (e.getCause() instanceof TokenException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /**
   * Forgets {@code rejected} after the provider answered 401 to it, so the next {@link #token()}
   * fetches a new one. A token that was already replaced by another thread is left alone: that
   * thread's 401 already paid for the refresh.
   */
  void invalidate(String rejected) {
    synchronized (lock) {
      AccessToken cached = current;
      if (cached != null && cached.value().equals(rejected)) {
        current = null;
      }
    }
  }

  private void fetchInto(CompletableFuture<AccessToken> shared) {
    try {
      AccessToken fresh = fetch();
      synchronized (lock) {
        current = fresh;
        inflight = null;
      }
      shared.complete(fresh);
    } catch (TokenException | RuntimeException e) {
      synchronized (lock) {
        inflight = null;
      }
      shared.completeExceptionally(e);
    }
  }

  private AccessToken fetch() throws TokenException {
    Instant requestedAt = clock.instant();
    HttpRequest request =
        HttpRequest.newBuilder(tokenUri)
            .timeout(requestTimeout)
            .header("Authorization", basicCredentials)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = Transport.send(http, request);
    } catch (IOException e) {
      Transport.Failure failure = Transport.classify(e);
      throw new TokenException(
          "token request failed: " + failure.code, true, 0, failure.code, null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenException(
          "interrupted while waiting for a token", true, 0, "interrupted", null, null);
    }
    String requestId = response.headers().firstValue(Endpoints.REQUEST_ID).orElse(null);
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw new TokenException(
          "token request answered " + status,
          true,
          status,
          codeOr(response, "http_" + status),
          requestId,
          Transport.retryAfter(response, clock));
    }
    if (status < 200 || status >= 300) {
      String code = codeOr(response, "http_" + status);
      throw new TokenException(
          "token request refused: " + status + " " + code, false, status, code, requestId, null);
    }
    AccessToken token = read(response.body(), requestedAt, status, requestId);
    log.debug(
        "Obtained a provider access token valid for {} (Request-Id {})",
        token.lifetime(),
        LogText.escape(requestId));
    observer.on(new PaykitEvent.TokenRefreshed(clock.instant(), token.lifetime()));
    return token;
  }

  private AccessToken read(byte[] body, Instant requestedAt, int status, String requestId)
      throws TokenException {
    try {
      JsonNode node = json.readObject(body);
      String value =
          ACCESS_TOKEN.check(ProviderJson.text(node, "access_token", ""), "access_token");
      String type = ProviderJson.optionalText(node, "token_type", "");
      if (type != null && !type.equalsIgnoreCase("Bearer")) {
        throw new UnreadableJsonException("token_type: must be Bearer");
      }
      JsonNode expiresIn = node.get("expires_in");
      if (expiresIn == null
          || !expiresIn.canConvertToLong()
          || expiresIn.longValue() < 1
          || expiresIn.longValue() > MAX_LIFETIME.toSeconds()) {
        throw new UnreadableJsonException(
            "expires_in: must be a number of seconds from 1 to " + MAX_LIFETIME.toSeconds());
      }
      Duration lifetime = Duration.ofSeconds(expiresIn.longValue());
      Duration margin = min(REFRESH_MARGIN, lifetime.dividedBy(2));
      // Counted from before the request went out, so the cached token never outlives the real one.
      return new AccessToken(value, lifetime, requestedAt.plus(lifetime).minus(margin));
    } catch (UnreadableJsonException e) {
      throw new TokenException(
          "token response unreadable: " + e.getMessage(),
          true,
          status,
          "unreadable_response",
          requestId,
          null);
    }
  }

  private String codeOr(HttpResponse<byte[]> response, String fallback) {
    String code = json.error(response.body()).code();
    return code == null ? fallback : code;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
