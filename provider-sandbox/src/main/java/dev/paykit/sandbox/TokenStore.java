package dev.paykit.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** OAuth2 client credentials: checks the client, issues and checks bearer tokens. */
final class TokenStore {

  private final String clientId;
  private final SandboxSecret clientSecret;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

  TokenStore(String clientId, SandboxSecret clientSecret, Clock clock, Duration ttl) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Checks {@code Authorization: Basic ...}; else 401 {@code invalid_client}. */
  void authenticateClient(String authorization) {
    SandboxApiException invalidClient =
        new SandboxApiException(401, "invalid_client", "Client authentication failed.", null, null);
    if (authorization == null
        || !authorization.regionMatches(true, 0, "Basic ", 0, "Basic ".length())) {
      throw invalidClient;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring("Basic ".length()).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidClient;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw invalidClient;
    }
    boolean idMatches = SandboxSecret.of(clientId).matches(decoded.substring(0, colon));
    boolean secretMatches = clientSecret.matches(decoded.substring(colon + 1));
    if (!(idMatches & secretMatches)) {
      throw invalidClient;
    }
  }

  /** Issues a token that lives {@link #ttlSeconds()}. */
  String issue() {
    String token = Ids.accessToken();
    expiries.put(token, clock.instant().plus(ttl));
    return token;
  }

  long ttlSeconds() {
    return ttl.toSeconds();
  }

  /** Checks {@code Authorization: Bearer ...}; else 401 {@code invalid_token}. */
  void authenticate(String authorization) {
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      throw SandboxApiException.invalidToken();
    }
    String token = authorization.substring("Bearer ".length()).trim();
    Instant expiry = expiries.get(token);
    if (expiry == null) {
      throw SandboxApiException.invalidToken();
    }
    if (!clock.instant().isBefore(expiry)) {
      expiries.remove(token);
      throw SandboxApiException.invalidToken();
    }
  }

  void expireAll() {
    expiries.clear();
  }

  void purgeExpired() {
    Instant now = clock.instant();
    expiries.values().removeIf(expiry -> !now.isBefore(expiry));
  }
}
