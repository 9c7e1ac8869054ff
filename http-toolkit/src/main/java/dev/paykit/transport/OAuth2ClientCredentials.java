package dev.paykit.transport;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.paykit.domain.payment.SecureUrl;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.LogText;
import dev.paykit.port.shared.Utf8;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client-credentials tokens (RFC 6749 section 4.4) as {@link Credentials}: {@code
 * Authorization: Bearer <token>}, the token cached until shortly before it expires. However many
 * threads find the token stale at once, one request goes out and all of them share its outcome,
 * token or failure. A token the provider refused with 401 is forgotten, so that the one repeat the
 * exchange makes gets a new one.
 *
 * <p>The token request is {@code POST grant_type=client_credentials} with the client id and secret
 * as HTTP Basic credentials, bounded by the same whole-exchange timeout as any call. A 429, a 5xx,
 * no answer or an answer that cannot be used is a transient failure; any other refusal means the
 * credentials were refused. The token endpoint's error code is read from RFC 6749's {@code
 * {"error": "invalid_client"}} or an error object's code, {@code {"error": {"code": ...}}}.
 */
public final class OAuth2ClientCredentials implements Credentials {
  private static final Logger log = LoggerFactory.getLogger(OAuth2ClientCredentials.class);

  /** How long before its expiry a token is replaced, at most; short-lived tokens at half-life. */
  public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

  /**
   * The longest lifetime taken from a token response. Real tokens live minutes to hours; a larger
   * {@code expires_in} is a broken answer, and one near {@code Long.MAX_VALUE} would overflow the
   * expiry instant.
   */
  public static final Duration MAX_LIFETIME = Duration.ofDays(366);

  /**
   * RFC 6750's b64token, the syntax of a bearer token: anything else could not be sent in the
   * {@code Authorization} header (a line break would even add a header of its own).
   */
  private static final Pattern ACCESS_TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

  private static final int MAX_TOKEN_LENGTH = 8192;

  private static final JsonMapper JSON =
      JsonMapper.builder()
          // Two values for one key would let two readers of the same bytes disagree.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private record AccessToken(Secret authorization, Duration lifetime, Instant refreshAt) {
    boolean freshAt(Instant now) {
      return now.isBefore(refreshAt);
    }

    @Override
    public String toString() {
      return "AccessToken[redacted, refreshAt=" + refreshAt + "]";
    }
  }

  /** A token answer that cannot be used; the message names a field, never a value. */
  private static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message, null, false, false);
    }
  }

  private final HttpClient http;
  private final URI tokenUri;
  private final Secret basicCredentials;
  private final Duration timeout;
  private final String requestIdHeader;
  private final PaykitObserver observer;
  private final Clock clock;

  private final Object lock = new Object();
  private volatile AccessToken current;
  private CompletableFuture<AccessToken> inflight;

  private OAuth2ClientCredentials(Builder builder) {
    this.http = builder.http;
    this.tokenUri = builder.tokenUri;
    this.basicCredentials =
        Secret.of(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (builder.clientId + ":" + builder.clientSecret.reveal())
                            .getBytes(StandardCharsets.UTF_8)));
    this.timeout = builder.timeout;
    this.requestIdHeader = builder.requestIdHeader;
    this.observer = builder.observer;
    this.clock = builder.clock;
  }

  /**
   * A builder for tokens from {@code tokenUri} ({@code https://} unless loopback).
   *
   * @param http the client to send with, usually the exchange's
   */
  public static Builder builder(
      HttpClient http, URI tokenUri, String clientId, Secret clientSecret) {
    return new Builder(http, tokenUri, clientId, clientSecret);
  }

  /** How the token requests are made; everything but the endpoint and client has a default. */
  public static final class Builder {
    private final HttpClient http;
    private final URI tokenUri;
    private final String clientId;
    private final Secret clientSecret;
    private Duration timeout = ProviderExchange.DEFAULT_TIMEOUT;
    private String requestIdHeader = ProviderExchange.REQUEST_ID;
    private PaykitObserver observer = PaykitObserver.noop();
    private Clock clock = Clock.systemUTC();

    private Builder(HttpClient http, URI tokenUri, String clientId, Secret clientSecret) {
      this.http = Objects.requireNonNull(http, "http");
      this.tokenUri = SecureUrl.require("tokenUri", tokenUri);
      Objects.requireNonNull(clientId, "clientId");
      if (clientId.isBlank()) {
        throw new IllegalArgumentException("clientId must not be blank");
      }
      this.clientId = clientId;
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      if (clientSecret.isEmpty()) {
        throw new IllegalArgumentException("clientSecret must not be empty");
      }
    }

    /** The bound on each token request, headers and body together. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The response header that carries the provider's request id. */
    public Builder requestIdHeader(String name) {
      this.requestIdHeader = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Receives a {@link PaykitEvent.TokenRefreshed} for each token obtained. */
    public Builder observer(PaykitObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** The clock that tokens expire by. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The credentials; no token is fetched before the first call needs one. */
    public OAuth2ClientCredentials build() {
      return new OAuth2ClientCredentials(this);
    }
  }

  /**
   * {@code Bearer <token>} with a token good for a while yet, fetched only if the cached is not.
   */
  @Override
  public Secret authorization() throws CredentialsException {
    AccessToken cached = current;
    if (cached != null && cached.freshAt(clock.instant())) {
      return cached.authorization();
    }
    CompletableFuture<AccessToken> shared;
    boolean fetching = false;
    synchronized (lock) {
      cached = current;
      if (cached != null && cached.freshAt(clock.instant())) {
        return cached.authorization();
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
      return shared.join().authorization();
    } catch (CompletionException e) {
      if (e.getCause() instanceof CredentialsException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /**
   * Forgets {@code rejected}, so that the next {@link #authorization()} fetches a new token. A
   * token that was already replaced by another thread is left alone: that thread's 401 already paid
   * for the refresh. Either way a repeat may now be accepted.
   */
  @Override
  public boolean refused(Secret rejected) {
    synchronized (lock) {
      AccessToken cached = current;
      if (cached != null && cached.authorization().equals(rejected)) {
        current = null;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "OAuth2ClientCredentials[" + tokenUri + ", redacted]";
  }

  private void fetchInto(CompletableFuture<AccessToken> shared) {
    try {
      AccessToken fresh = fetch();
      synchronized (lock) {
        current = fresh;
        inflight = null;
      }
      shared.complete(fresh);
    } catch (CredentialsException | RuntimeException e) {
      synchronized (lock) {
        inflight = null;
      }
      shared.completeExceptionally(e);
    }
  }

  private AccessToken fetch() throws CredentialsException {
    Instant requestedAt = clock.instant();
    HttpRequest request =
        HttpRequest.newBuilder(tokenUri)
            .timeout(timeout)
            .header("Authorization", basicCredentials.reveal())
            .header("Content-Type", ProviderRequest.FORM)
            .header("Accept", ProviderRequest.JSON)
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = Transport.send(http, request);
    } catch (IOException e) {
      Transport.Failure failure = Transport.classify(e);
      throw new CredentialsException(
          "token request failed: " + failure.code(), true, 0, failure.code(), null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialsException(
          "interrupted while waiting for a token", true, 0, "interrupted", null, null);
    }
    String requestId = response.headers().firstValue(requestIdHeader).orElse(null);
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw new CredentialsException(
          "token request answered " + status,
          true,
          status,
          errorCode(response.body()).orElse("http_" + status),
          requestId,
          Transport.retryAfter(response.headers(), clock).orElse(null));
    }
    if (status < 200 || status >= 300) {
      String code = errorCode(response.body()).orElse("http_" + status);
      throw new CredentialsException(
          "token request refused: " + status + " " + code, false, status, code, requestId, null);
    }
    AccessToken token;
    try {
      token = read(response.body(), requestedAt);
    } catch (Unusable e) {
      throw new CredentialsException(
          "token response unreadable: " + e.getMessage(),
          true,
          status,
          "unreadable_response",
          requestId,
          null);
    }
    log.debug(
        "Obtained a provider access token valid for {} (Request-Id {})",
        token.lifetime(),
        LogText.escape(requestId));
    observer.on(new PaykitEvent.TokenRefreshed(clock.instant(), token.lifetime()));
    return token;
  }

  private static AccessToken read(byte[] body, Instant requestedAt) throws Unusable {
    JsonNode node = object(body);
    JsonNode value = node.get("access_token");
    String token = value != null && value.isTextual() ? value.textValue() : "";
    // The length first: it bounds the pattern's work.
    if (token.isEmpty()
        || token.length() > MAX_TOKEN_LENGTH
        || !ACCESS_TOKEN.matcher(token).matches()) {
      throw new Unusable(
          "access_token: must be 1 to "
              + MAX_TOKEN_LENGTH
              + " characters: RFC 6750 token characters");
    }
    JsonNode type = node.get("token_type");
    if (type != null
        && !type.isNull()
        && !(type.isTextual() && type.textValue().equalsIgnoreCase("Bearer"))) {
      throw new Unusable("token_type: must be Bearer");
    }
    JsonNode expiresIn = node.get("expires_in");
    if (expiresIn == null
        || !expiresIn.canConvertToLong()
        || expiresIn.longValue() < 1
        || expiresIn.longValue() > MAX_LIFETIME.toSeconds()) {
      throw new Unusable(
          "expires_in: must be a number of seconds from 1 to " + MAX_LIFETIME.toSeconds());
    }
    Duration lifetime = Duration.ofSeconds(expiresIn.longValue());
    Duration margin = min(REFRESH_MARGIN, lifetime.dividedBy(2));
    // Counted from before the request went out, so the cached token never outlives the real one.
    return new AccessToken(
        Secret.of("Bearer " + token), lifetime, requestedAt.plus(lifetime).minus(margin));
  }

  /** RFC 6749's {@code "error": "code"}, or an error object's {@code code}. */
  private static Optional<String> errorCode(byte[] body) {
    JsonNode error;
    try {
      error = object(body).path("error");
    } catch (Unusable e) {
      // An error status without a JSON body (a proxy's HTML page, say) still counts.
      return Optional.empty();
    }
    JsonNode code = error.isObject() ? error.path("code") : error;
    return code.isTextual() ? Optional.of(code.textValue()) : Optional.empty();
  }

  /** A JSON object in strict UTF-8: Jackson alone would guess UTF-16 and skip a byte order mark. */
  private static JsonNode object(byte[] body) throws Unusable {
    Optional<String> text = Utf8.strictly(body);
    if (text.isEmpty() || text.get().startsWith("\uFEFF")) {
      throw new Unusable("body is not UTF-8 without a byte order mark");
    }
    JsonNode node;
    try {
      node = JSON.readTree(text.get());
    } catch (IOException e) {
      // Jackson's message quotes the offending text, so only the category is kept.
      throw new Unusable("body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new Unusable("body is not a JSON object");
    }
    return node;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
