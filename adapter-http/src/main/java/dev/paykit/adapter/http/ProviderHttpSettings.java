package dev.paykit.adapter.http;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.SecureUrl;
import dev.paykit.port.out.Secret;
import dev.paykit.transport.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the provider is and how to talk to it. The base URL must be {@code https://} unless it
 * points at a loopback host, and holds no credentials ({@code user:password@} is refused, see
 * {@link SecureUrl}); credentials are {@link Secret}s, so printing the settings shows none.
 */
public record ProviderHttpSettings(
    URI baseUri,
    String clientId,
    Secret clientSecret,
    List<Secret> webhookSecrets,
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retryPolicy) {

  public static final String URL = "PAYKIT_PROVIDER_URL";
  public static final String CLIENT_ID = "PAYKIT_PROVIDER_CLIENT_ID";
  public static final String CLIENT_SECRET = "PAYKIT_PROVIDER_CLIENT_SECRET";
  public static final String WEBHOOK_SECRETS = "PAYKIT_WEBHOOK_SECRETS";
  public static final String CONNECT_TIMEOUT_MS = "PAYKIT_PROVIDER_CONNECT_TIMEOUT_MS";
  public static final String REQUEST_TIMEOUT_MS = "PAYKIT_PROVIDER_REQUEST_TIMEOUT_MS";
  public static final String RETRY_MAX_ATTEMPTS = "PAYKIT_PROVIDER_RETRY_MAX_ATTEMPTS";
  public static final String RETRY_BASE_DELAY_MS = "PAYKIT_PROVIDER_RETRY_BASE_DELAY_MS";
  public static final String RETRY_MAX_DELAY_MS = "PAYKIT_PROVIDER_RETRY_MAX_DELAY_MS";
  public static final String RETRY_BUDGET_MS = "PAYKIT_PROVIDER_RETRY_BUDGET_MS";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public ProviderHttpSettings {
    baseUri = SecureUrl.require("baseUri", baseUri);
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    Objects.requireNonNull(clientSecret, "clientSecret");
    if (clientSecret.isEmpty()) {
      throw new IllegalArgumentException("clientSecret must not be empty");
    }
    webhookSecrets = List.copyOf(webhookSecrets);
    webhookSecrets.forEach(StandardWebhookVerifier::decodeKey);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("requestTimeout", requestTimeout);
    Objects.requireNonNull(retryPolicy, "retryPolicy");
  }

  /** Settings with the default timeouts (30 s) and retry policy. */
  public static ProviderHttpSettings of(
      URI baseUri, String clientId, Secret clientSecret, List<Secret> webhookSecrets) {
    return new ProviderHttpSettings(
        baseUri,
        clientId,
        clientSecret,
        webhookSecrets,
        DEFAULT_TIMEOUT,
        DEFAULT_TIMEOUT,
        RetryPolicy.defaults());
  }

  public ProviderHttpSettings withTimeouts(Duration connect, Duration request) {
    return new ProviderHttpSettings(
        baseUri, clientId, clientSecret, webhookSecrets, connect, request, retryPolicy);
  }

  /**
   * Reads the settings from environment variables: {@value #URL}, {@value #CLIENT_ID}, {@value
   * #CLIENT_SECRET} and {@value #WEBHOOK_SECRETS} (comma-separated {@code whsec_...}, several
   * during a rotation) are required; the timeouts and the retry policy ({@code ..._MS} in
   * milliseconds) have defaults.
   *
   * @throws ProviderConfigurationException naming the first variable that is missing or invalid
   */
  public static ProviderHttpSettings fromEnvironment(Map<String, String> env) {
    URI baseUri = baseUri(required(env, URL));
    String clientId = required(env, CLIENT_ID);
    Secret clientSecret = Secret.of(required(env, CLIENT_SECRET));
    List<Secret> webhookSecrets = webhookSecrets(required(env, WEBHOOK_SECRETS));
    Duration connect = millis(env, CONNECT_TIMEOUT_MS, DEFAULT_TIMEOUT);
    Duration request = millis(env, REQUEST_TIMEOUT_MS, DEFAULT_TIMEOUT);
    int maxAttempts =
        optional(env, RETRY_MAX_ATTEMPTS)
            .map(
                value ->
                    parse(
                        RETRY_MAX_ATTEMPTS,
                        value,
                        v -> (int) positive(Integer.parseInt(v.strip())),
                        "must be a positive whole number"))
            .orElse(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
    Duration baseDelay = millis(env, RETRY_BASE_DELAY_MS, RetryPolicy.DEFAULT_BASE_DELAY);
    Duration maxDelay = millis(env, RETRY_MAX_DELAY_MS, RetryPolicy.DEFAULT_MAX_DELAY);
    Duration budget = millis(env, RETRY_BUDGET_MS, RetryPolicy.DEFAULT_TOTAL_BUDGET);
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new ProviderConfigurationException(
          RETRY_MAX_DELAY_MS, "must not be less than " + RETRY_BASE_DELAY_MS);
    }
    return new ProviderHttpSettings(
        baseUri,
        clientId,
        clientSecret,
        webhookSecrets,
        connect,
        request,
        new RetryPolicy(maxAttempts, baseDelay, maxDelay, budget));
  }

  /** Never quoted in the error, unlike other values: a URL can hold credentials. */
  private static URI baseUri(String value) {
    try {
      return SecureUrl.require("baseUri", value);
    } catch (ValidationException e) {
      throw new ProviderConfigurationException(URL, "is not a usable URL: " + e.getMessage());
    }
  }

  private static List<Secret> webhookSecrets(String value) {
    List<Secret> secrets = new ArrayList<>();
    String[] entries = value.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      Secret secret = Secret.of(entries[i].strip());
      try {
        StandardWebhookVerifier.decodeKey(secret);
      } catch (IllegalArgumentException e) {
        // The message is ours and names no value; the entry itself is a secret and stays out.
        throw new ProviderConfigurationException(
            WEBHOOK_SECRETS,
            "entry " + (i + 1) + " of " + entries.length + " is invalid: " + e.getMessage());
      }
      secrets.add(secret);
    }
    return secrets;
  }

  private static String required(Map<String, String> env, String name) {
    return optional(env, name)
        .orElseThrow(() -> new ProviderConfigurationException(name, "is required"));
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static Duration millis(Map<String, String> env, String name, Duration fallback) {
    return optional(env, name)
        .map(
            value ->
                parse(
                    name,
                    value,
                    v -> Duration.ofMillis(positive(Long.parseLong(v.strip()))),
                    "must be a positive whole number of milliseconds"))
        .orElse(fallback);
  }

  /** Only for values that are not secrets: the message quotes the value to help fix it. */
  private static <T> T parse(String name, String value, Function<String, T> parser, String rule) {
    try {
      return parser.apply(value);
    } catch (NumberFormatException | ValidationException e) {
      throw new ProviderConfigurationException(name, rule + ", was '" + value + "'");
    }
  }

  private static long positive(long value) {
    if (value < 1) {
      throw new NumberFormatException("not positive");
    }
    return value;
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
