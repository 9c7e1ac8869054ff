package dev.paykit.sandbox;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One setting of the standalone sandbox ({@link SandboxMain}): its flag, its environment variable
 * and what it sets on a {@link SandboxConfig.Builder}. The flag is {@code --} and the constant's
 * name in lower case with dashes ({@code --webhook-url}); the variable is {@code PAYKIT_SANDBOX_}
 * and the constant's name ({@code PAYKIT_SANDBOX_WEBHOOK_URL}), so the two never drift apart.
 */
enum SandboxSetting {
  HOST(
      "ADDRESS",
      "The loopback address to listen on.",
      Kind.PLAIN,
      SandboxConfig::host,
      SandboxConfig.Builder::host),
  PORT(
      "PORT",
      "The port to listen on; 0 picks a free one.",
      Kind.PLAIN,
      defaults -> Integer.toString(SandboxSetting.DEFAULT_PORT),
      (config, value) -> config.port(port(value))),
  CLIENT_ID(
      "ID",
      "The OAuth client id a client authenticates with.",
      Kind.PLAIN,
      SandboxConfig::clientId,
      SandboxConfig.Builder::clientId),
  CLIENT_SECRET(
      "SECRET",
      "The OAuth client secret a client authenticates with.",
      Kind.REQUIRED_SECRET,
      defaults -> null,
      (config, value) -> config.clientSecret(SandboxSecret.of(value))),
  WEBHOOK_URL(
      "URL",
      "Where webhooks are POSTed: https://, or http:// to a loopback host. Without it, events are"
          + " recorded but not sent.",
      Kind.PLAIN,
      defaults -> "none",
      (config, value) -> config.webhookUrl(uri(value))),
  WEBHOOK_SECRET(
      "WHSEC",
      "The webhook signing secret: whsec_ and the base64 of at least 16 key bytes.",
      Kind.REQUIRED_SECRET,
      defaults -> null,
      (config, value) -> config.webhookSecret(SandboxSecret.webhookSecret(value))),
  TOKEN_TTL(
      "DURATION",
      "How long an access token lives (expires_in).",
      Kind.PLAIN,
      defaults -> String.valueOf(defaults.tokenTtl()),
      (config, value) -> config.tokenTtl(duration(value))),
  PAYMENT_EXPIRY(
      "DURATION",
      "How long a payment stays open when its create request has no expiresInSeconds.",
      Kind.PLAIN,
      defaults -> String.valueOf(defaults.defaultPaymentExpiry()),
      (config, value) -> config.defaultPaymentExpiry(duration(value))),
  IDEMPOTENCY_WINDOW(
      "DURATION",
      "How long an idempotency key is remembered.",
      Kind.PLAIN,
      defaults -> String.valueOf(defaults.idempotencyWindow()),
      (config, value) -> config.idempotencyWindow(duration(value))),
  REFUND_DELAY(
      "DURATION",
      "How long a refund stays pending before it succeeds.",
      Kind.PLAIN,
      defaults -> String.valueOf(defaults.refundSettlementDelay()),
      (config, value) -> config.refundSettlementDelay(duration(value))),
  WEBHOOK_ATTEMPTS(
      "N",
      "Delivery attempts per webhook event before it is given up, 1 to 20.",
      Kind.PLAIN,
      defaults -> Integer.toString(defaults.webhookMaxAttempts()),
      (config, value) -> config.webhookMaxAttempts(whole(value, "a whole number from 1 to 20"))),
  WEBHOOK_BACKOFF(
      "DURATION",
      "The wait before a webhook's first retry; it doubles on each retry.",
      Kind.PLAIN,
      defaults -> String.valueOf(defaults.webhookInitialBackoff()),
      (config, value) -> config.webhookInitialBackoff(duration(value))),
  WEBHOOK_MAX_BACKOFF(
      "DURATION",
      "The longest wait between two webhook attempts.",
      Kind.PLAIN,
      defaults -> String.valueOf(defaults.webhookMaxBackoff()),
      (config, value) -> config.webhookMaxBackoff(duration(value))),
  WEBHOOK_TIMEOUT(
      "DURATION",
      "How long one webhook delivery attempt may take.",
      Kind.PLAIN,
      defaults -> String.valueOf(defaults.webhookTimeout()),
      (config, value) -> config.webhookTimeout(duration(value))),
  AUTO_SETTLE(
      "DURATION",
      "Confirm a payment the customer never touched this long after its creation, with its"
          + " webhooks, as a provider that settles on its own does. Without it, payments wait for"
          + " the checkout.",
      Kind.PLAIN,
      defaults -> "none",
      (config, value) -> config.autoSettle(duration(value))),
  FAULT_RATE(
      "SHARE",
      "The share of API calls (/oauth/token and /v1), from 0 to 1, answered with a random"
          + " transient fault: 429 with Retry-After, 503, or the connection closed before or after"
          + " acting.",
      Kind.PLAIN,
      defaults -> "0",
      (config, value) -> config.faultRate(share(value))),
  FAULT_SEED(
      "N",
      "The seed of the random that draws those faults: the same seed and the same calls, one at"
          + " a time, get the same faults.",
      Kind.PLAIN,
      defaults -> Long.toString(defaults.faultSeed()),
      (config, value) -> config.faultSeed(seed(value)));

  /** The standalone sandbox's port when none is given: fixed, so that clients can be set up. */
  static final int DEFAULT_PORT = 8089;

  private static final String VARIABLE_PREFIX = "PAYKIT_SANDBOX_";

  private enum Kind {
    PLAIN,
    /** Never shown; the sandbox does not start without it. */
    REQUIRED_SECRET
  }

  private final String label;
  private final String description;
  private final Kind kind;
  private final Function<SandboxConfig, String> shownDefault;
  private final BiConsumer<SandboxConfig.Builder, String> apply;

  SandboxSetting(
      String label,
      String description,
      Kind kind,
      Function<SandboxConfig, String> shownDefault,
      BiConsumer<SandboxConfig.Builder, String> apply) {
    this.label = label;
    this.description = description;
    this.kind = kind;
    this.shownDefault = shownDefault;
    this.apply = apply;
  }

  String flag() {
    return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  String variable() {
    return VARIABLE_PREFIX + name();
  }

  String label() {
    return label;
  }

  boolean required() {
    return kind == Kind.REQUIRED_SECRET;
  }

  /** The help text: what it is, its variable and its default (never a secret's value). */
  String help(SandboxConfig defaults) {
    String tail =
        required()
            ? " Required. Prefer the variable: a flag shows in process listings."
            : " Default: " + shownDefault.apply(defaults) + ".";
    return description + " Env " + variable() + "." + tail;
  }

  /**
   * Sets {@code value}, which came from {@code source} (this setting's flag or variable), on {@code
   * config}.
   *
   * @throws SandboxSettingException naming {@code source} if the value is not valid
   */
  void apply(SandboxConfig.Builder config, String value, String source) {
    try {
      apply.accept(config, value);
    } catch (IllegalArgumentException e) {
      // The builder's and SandboxSecret's messages say what is wrong without repeating the value.
      throw new SandboxSettingException(source, e.getMessage());
    }
  }

  private static int port(String value) {
    int port = whole(value, "a port number from 0 to 65535");
    if (port > 65535) {
      throw new IllegalArgumentException("must be a port number from 0 to 65535");
    }
    return port;
  }

  private static int whole(String value, String expected) {
    try {
      int number = Integer.parseInt(value.strip());
      if (number < 0) {
        throw new IllegalArgumentException("must be " + expected);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be " + expected);
    }
  }

  /** A decimal share such as {@code 0.2}; {@link SandboxConfig.Builder#faultRate} checks range. */
  private static double share(String value) {
    try {
      return new BigDecimal(value.strip()).doubleValue();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a share from 0 to 1, such as 0.2");
    }
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number");
    }
  }

  private static URI uri(String value) {
    try {
      return new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL");
    }
  }

  /** An ISO 8601 duration: {@code PT30S}, {@code PT0.5S}, {@code PT15M}, {@code PT1H30M}. */
  static Duration duration(String value) {
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be an ISO 8601 duration such as PT0.5S, PT30S, PT15M or PT1H30M");
    }
  }
}
