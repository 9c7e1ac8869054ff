package dev.paykit.sandbox;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link SandboxProvider} runs. Build one with {@link #builder()}; every setting has a
 * default, so {@code SandboxConfig.builder().build()} is a working sandbox on a random loopback
 * port with random credentials.
 */
public final class SandboxConfig {

  private final String host;
  private final int port;
  private final String clientId;
  private final SandboxSecret clientSecret;
  private final SandboxSecret webhookSecret;
  private final URI webhookUrl;
  private final Clock clock;
  private final Duration tokenTtl;
  private final Duration defaultPaymentExpiry;
  private final Duration idempotencyWindow;
  private final Duration refundSettlementDelay;
  private final Duration expirySweepInterval;
  private final int webhookMaxAttempts;
  private final Duration webhookInitialBackoff;
  private final Duration webhookMaxBackoff;
  private final Duration webhookTimeout;
  private final Duration autoSettle;
  private final double faultRate;
  private final long faultSeed;

  private SandboxConfig(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.clientId = b.clientId;
    this.clientSecret =
        b.clientSecret != null ? b.clientSecret : SandboxSecret.randomClientSecret();
    this.webhookSecret =
        b.webhookSecret != null ? b.webhookSecret : SandboxSecret.randomWebhookSecret();
    this.webhookUrl = b.webhookUrl;
    this.clock = b.clock;
    this.tokenTtl = b.tokenTtl;
    this.defaultPaymentExpiry = b.defaultPaymentExpiry;
    this.idempotencyWindow = b.idempotencyWindow;
    this.refundSettlementDelay = b.refundSettlementDelay;
    this.expirySweepInterval = b.expirySweepInterval;
    this.webhookMaxAttempts = b.webhookMaxAttempts;
    this.webhookInitialBackoff = b.webhookInitialBackoff;
    this.webhookMaxBackoff = b.webhookMaxBackoff;
    this.webhookTimeout = b.webhookTimeout;
    this.autoSettle = b.autoSettle;
    this.faultRate = b.faultRate;
    this.faultSeed = b.faultSeed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: see {@link Builder}. */
  public static SandboxConfig defaults() {
    return builder().build();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .clientId(clientId)
        .clientSecret(clientSecret)
        .webhookSecret(webhookSecret)
        .webhookUrl(webhookUrl)
        .clock(clock)
        .tokenTtl(tokenTtl)
        .defaultPaymentExpiry(defaultPaymentExpiry)
        .idempotencyWindow(idempotencyWindow)
        .refundSettlementDelay(refundSettlementDelay)
        .expirySweepInterval(expirySweepInterval)
        .webhookMaxAttempts(webhookMaxAttempts)
        .webhookInitialBackoff(webhookInitialBackoff)
        .webhookMaxBackoff(webhookMaxBackoff)
        .webhookTimeout(webhookTimeout)
        .autoSettle(autoSettle)
        .faultRate(faultRate)
        .faultSeed(faultSeed);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String clientId() {
    return clientId;
  }

  public SandboxSecret clientSecret() {
    return clientSecret;
  }

  public SandboxSecret webhookSecret() {
    return webhookSecret;
  }

  /** The webhook URL at start, or {@code null}; it can also be set later on the provider. */
  public URI webhookUrl() {
    return webhookUrl;
  }

  public Clock clock() {
    return clock;
  }

  public Duration tokenTtl() {
    return tokenTtl;
  }

  public Duration defaultPaymentExpiry() {
    return defaultPaymentExpiry;
  }

  public Duration idempotencyWindow() {
    return idempotencyWindow;
  }

  public Duration refundSettlementDelay() {
    return refundSettlementDelay;
  }

  public Duration expirySweepInterval() {
    return expirySweepInterval;
  }

  public int webhookMaxAttempts() {
    return webhookMaxAttempts;
  }

  public Duration webhookInitialBackoff() {
    return webhookInitialBackoff;
  }

  public Duration webhookMaxBackoff() {
    return webhookMaxBackoff;
  }

  public Duration webhookTimeout() {
    return webhookTimeout;
  }

  /**
   * How long after its creation a payment that is still {@code started} (the customer never came to
   * the checkout) is confirmed by the sandbox itself; empty when payments wait for the checkout.
   */
  public Optional<Duration> autoSettle() {
    return Optional.ofNullable(autoSettle);
  }

  /** The share of API calls answered with a random transient fault, from 0 (none) to 1. */
  public double faultRate() {
    return faultRate;
  }

  /** The seed of the random that draws those faults. */
  public long faultSeed() {
    return faultSeed;
  }

  @Override
  public String toString() {
    return "SandboxConfig[host="
        + host
        + ", port="
        + port
        + ", clientId="
        + clientId
        + ", clientSecret="
        + clientSecret
        + ", webhookSecret="
        + webhookSecret
        + ", webhookUrl="
        + webhookUrl
        + ", tokenTtl="
        + tokenTtl
        + ", webhookMaxAttempts="
        + webhookMaxAttempts
        + ", autoSettle="
        + autoSettle
        + ", faultRate="
        + faultRate
        + "]";
  }

  /** Builds a {@link SandboxConfig}. Every method validates its argument at once. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private String clientId = "paykit-sandbox";
    private SandboxSecret clientSecret;
    private SandboxSecret webhookSecret;
    private URI webhookUrl;
    private Clock clock = Clock.systemUTC();
    private Duration tokenTtl = Duration.ofHours(1);
    private Duration defaultPaymentExpiry = Duration.ofHours(1);
    private Duration idempotencyWindow = Duration.ofHours(24);
    private Duration refundSettlementDelay = Duration.ofMillis(100);
    private Duration expirySweepInterval = Duration.ofSeconds(1);
    private int webhookMaxAttempts = 5;
    private Duration webhookInitialBackoff = Duration.ofMillis(500);
    private Duration webhookMaxBackoff = Duration.ofSeconds(10);
    private Duration webhookTimeout = Duration.ofSeconds(5);
    private Duration autoSettle;
    private double faultRate;
    private long faultSeed = 1;

    private Builder() {}

    /** A loopback host name or address to bind to; default {@code 127.0.0.1}. */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      try {
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
          throw new IllegalArgumentException("the sandbox binds to loopback addresses only");
        }
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("unknown host " + host, e);
      }
      this.host = host;
      return this;
    }

    /** The port; default 0, a random free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** The OAuth client id; default {@code paykit-sandbox}. */
    public Builder clientId(String clientId) {
      Objects.requireNonNull(clientId, "clientId");
      if (clientId.isEmpty() || clientId.contains(":")) {
        throw new IllegalArgumentException("a client id is not empty and has no ':'");
      }
      this.clientId = clientId;
      return this;
    }

    /** The OAuth client secret; default random. */
    public Builder clientSecret(SandboxSecret clientSecret) {
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    /** The webhook signing secret, {@code whsec_<base64>}; default random. */
    public Builder webhookSecret(SandboxSecret webhookSecret) {
      Objects.requireNonNull(webhookSecret, "webhookSecret").webhookKeyBytes();
      this.webhookSecret = webhookSecret;
      return this;
    }

    /** Where webhooks go; default none (events are recorded but not sent). */
    public Builder webhookUrl(URI webhookUrl) {
      this.webhookUrl = webhookUrl == null ? null : WebhookDispatcher.checkUrl(webhookUrl);
      return this;
    }

    /**
     * The clock for timestamps, token expiry, payment expiry, the idempotency window and the {@code
     * webhook-timestamp}; default the system UTC clock.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long an access token lives ({@code expires_in}); default 1 hour, at least 1 second. */
    public Builder tokenTtl(Duration tokenTtl) {
      this.tokenTtl = atLeast(tokenTtl, Duration.ofSeconds(1), "tokenTtl");
      return this;
    }

    /** Payment expiry when the request has no {@code expiresInSeconds}; default 1 hour. */
    public Builder defaultPaymentExpiry(Duration defaultPaymentExpiry) {
      this.defaultPaymentExpiry =
          atLeast(defaultPaymentExpiry, Duration.ofSeconds(1), "defaultPaymentExpiry");
      return this;
    }

    /** How long an idempotency key is remembered; default 24 hours. */
    public Builder idempotencyWindow(Duration idempotencyWindow) {
      this.idempotencyWindow =
          atLeast(idempotencyWindow, Duration.ofSeconds(1), "idempotencyWindow");
      return this;
    }

    /**
     * Real time from a refund's creation ({@code pending}) to {@code succeeded}; default 100 ms.
     */
    public Builder refundSettlementDelay(Duration refundSettlementDelay) {
      this.refundSettlementDelay = atLeast(refundSettlementDelay, Duration.ZERO, "refundDelay");
      return this;
    }

    /** Real time between two background sweeps for expired payments; default 1 second. */
    public Builder expirySweepInterval(Duration expirySweepInterval) {
      this.expirySweepInterval =
          atLeast(expirySweepInterval, Duration.ofMillis(10), "expirySweepInterval");
      return this;
    }

    /** Delivery attempts per webhook event before it is given up; default 5, 1 to 20. */
    public Builder webhookMaxAttempts(int webhookMaxAttempts) {
      if (webhookMaxAttempts < 1 || webhookMaxAttempts > 20) {
        throw new IllegalArgumentException("webhookMaxAttempts must be 1 to 20");
      }
      this.webhookMaxAttempts = webhookMaxAttempts;
      return this;
    }

    /** The wait before the first retry; it doubles each retry. Default 500 ms. */
    public Builder webhookInitialBackoff(Duration webhookInitialBackoff) {
      this.webhookInitialBackoff =
          atLeast(webhookInitialBackoff, Duration.ZERO, "webhookInitialBackoff");
      return this;
    }

    /** The longest wait between two attempts; default 10 seconds. */
    public Builder webhookMaxBackoff(Duration webhookMaxBackoff) {
      this.webhookMaxBackoff = atLeast(webhookMaxBackoff, Duration.ZERO, "webhookMaxBackoff");
      return this;
    }

    /** How long one delivery attempt may take; default 5 seconds. */
    public Builder webhookTimeout(Duration webhookTimeout) {
      this.webhookTimeout = atLeast(webhookTimeout, Duration.ofMillis(10), "webhookTimeout");
      return this;
    }

    /**
     * Confirm, after this long (real time) from its creation, a payment the customer never touched,
     * through {@code inprogress} with a webhook for each step, as a provider that settles on its
     * own does; {@code null} (the default) leaves every payment to the checkout. At least 1 ms.
     */
    public Builder autoSettle(Duration autoSettle) {
      this.autoSettle =
          autoSettle == null ? null : atLeast(autoSettle, Duration.ofMillis(1), "autoSettle");
      return this;
    }

    /**
     * The share of calls of {@code /oauth/token} and {@code /v1}, from 0 to 1, answered with a
     * random transient fault (429 with {@code Retry-After: 1}, 503, or the connection closed before
     * or after acting); default 0. Injected faults come first.
     */
    public Builder faultRate(double faultRate) {
      if (!(faultRate >= 0 && faultRate <= 1)) {
        throw new IllegalArgumentException("must be a share from 0 to 1, such as 0.2");
      }
      this.faultRate = faultRate;
      return this;
    }

    /** The seed of the random that draws the faults of {@link #faultRate}; default 1. */
    public Builder faultSeed(long faultSeed) {
      this.faultSeed = faultSeed;
      return this;
    }

    public SandboxConfig build() {
      return new SandboxConfig(this);
    }

    private static Duration atLeast(Duration value, Duration min, String name) {
      Objects.requireNonNull(value, name);
      if (value.compareTo(min) < 0) {
        throw new IllegalArgumentException(name + " must be at least " + min);
      }
      return value;
    }
  }
}
