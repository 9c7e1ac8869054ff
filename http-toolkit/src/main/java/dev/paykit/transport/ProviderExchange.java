package dev.paykit.transport;

import dev.paykit.domain.payment.SecureUrl;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.LogText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link ProviderRequest} to a provider, retrying only what is safe, and says what came
 * of it as an {@link Outcome}. Thread-safe; a gateway builds one and shares it across its calls.
 *
 * <p>Each attempt is bounded as a whole (headers and body together) by the {@linkplain
 * Builder#timeout timeout}, and runs on the caller's thread ({@link Transport#send}). Retried, with
 * exponential backoff and full jitter within the {@link RetryPolicy}'s attempts and total budget:
 *
 * <ul>
 *   <li>a connection that could not be made, and a token that could not be had for a transient
 *       reason (the provider did not act);
 *   <li>a timeout or a connection lost after the request went out (it may have acted);
 *   <li>the answers {@link RetryAdvice} says to retry: by default 429 and 5xx, as answers of a
 *       provider that did not act. A {@code Retry-After} (seconds or an HTTP date) is waited as
 *       given instead of the backoff; one that would overrun the budget ends the exchange at once.
 * </ul>
 *
 * A 401 to credentials that can be renewed ({@link Credentials#refused}) gets one repeat with new
 * ones, which is not counted as an attempt. Every attempt carries the same request, so the same
 * {@code Idempotency-Key}. What would make retrying unsafe, anything else, is final.
 *
 * <p>Nothing from a body, a credential or a header value goes into a log line, an {@link Outcome}'s
 * detail or an event: answers are named by status, the provider's error code (from the {@linkplain
 * Builder#errorCode error-code reader}) and request id; values that come from the provider are
 * escaped with {@link LogText} before they are logged.
 */
public final class ProviderExchange {
  private static final Logger log = LoggerFactory.getLogger(ProviderExchange.class);

  /** The header the reference API and Stripe send their request id in. */
  public static final String REQUEST_ID = "Request-Id";

  /** The request timeout unless one is set: 30 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String base;
  private final Credentials credentials;
  private final Duration timeout;
  private final RetryPolicy policy;
  private final RetryAdvice advice;
  private final Function<byte[], String> errorCode;
  private final String requestIdHeader;
  private final Map<String, String> headers;
  private final PaykitObserver observer;
  private final Clock clock;
  private final RandomGenerator random;
  private final Sleeper sleeper;

  private ProviderExchange(Builder builder) {
    this.http = builder.http;
    String prefix = builder.baseUri.toString();
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    this.base = prefix;
    this.credentials = Objects.requireNonNull(builder.credentials, "credentials");
    this.timeout = builder.timeout;
    this.policy = builder.policy;
    this.advice = builder.advice;
    this.errorCode = builder.errorCode;
    this.requestIdHeader = builder.requestIdHeader;
    this.headers = Map.copyOf(builder.headers);
    this.observer = builder.observer;
    this.clock = builder.clock;
    this.random = builder.random;
    this.sleeper = builder.sleeper;
  }

  /**
   * A builder for an exchange with the provider at {@code baseUri}, which may carry a path prefix
   * of its own ({@code https://host/provider}) and must be {@code https://} unless it is loopback.
   *
   * @param http the client to send with: {@link #httpClient} makes a suitable one
   */
  public static Builder builder(HttpClient http, URI baseUri) {
    return new Builder(http, baseUri);
  }

  /**
   * A client for a provider: connects within {@code connectTimeout} and never follows a redirect
   * (which would resend the credentials to wherever it points). Over plain {@code http} (loopback
   * only) it speaks HTTP/1.1: the JDK's h2c upgrade attempt on the first request is an extra
   * negotiation that test servers handle unevenly.
   */
  public static HttpClient httpClient(URI baseUri, Duration connectTimeout) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(requirePositive(connectTimeout, "connectTimeout"))
            .followRedirects(HttpClient.Redirect.NEVER);
    if ("http".equalsIgnoreCase(baseUri.getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    return builder.build();
  }

  /** How an exchange is configured; only the credentials have no default. */
  public static final class Builder {
    private final HttpClient http;
    private final URI baseUri;
    private Credentials credentials;
    private Duration timeout = DEFAULT_TIMEOUT;
    private RetryPolicy policy = RetryPolicy.defaults();
    private RetryAdvice advice = RetryAdvice.standard();
    private Function<byte[], String> errorCode = body -> null;
    private String requestIdHeader = REQUEST_ID;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private PaykitObserver observer = PaykitObserver.noop();
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new Random();
    private Sleeper sleeper = Sleeper.threadSleep();

    private Builder(HttpClient http, URI baseUri) {
      this.http = Objects.requireNonNull(http, "http");
      this.baseUri = SecureUrl.require("baseUri", baseUri);
    }

    /** Where each attempt's {@code Authorization} comes from. Required. */
    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** The bound on each attempt, headers and body together; {@link #DEFAULT_TIMEOUT} if unset. */
    public Builder timeout(Duration timeout) {
      this.timeout = requirePositive(timeout, "timeout");
      return this;
    }

    /** How often and how long to retry; {@link RetryPolicy#defaults()} if unset. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The provider's own retry hints; {@link RetryAdvice#standard()} if unset. */
    public Builder retryAdvice(RetryAdvice advice) {
      this.advice = Objects.requireNonNull(advice, "advice");
      return this;
    }

    /**
     * Reads the provider's error code from an error answer's body, or returns null when it has
     * none; the code names the failure in logs, events and outcomes ({@code http_<status>} without
     * one). It must not throw, and what it returns must be a bounded code, never free text.
     */
    public Builder errorCode(Function<byte[], String> errorCode) {
      this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
      return this;
    }

    /**
     * The response header that carries the provider's request id; {@value #REQUEST_ID} if unset.
     */
    public Builder requestIdHeader(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("requestIdHeader must not be blank");
      }
      this.requestIdHeader = name;
      return this;
    }

    /**
     * A header sent on every request ({@code Accept}, {@code User-Agent}, an API version); a
     * request's own header of the same name wins.
     */
    public Builder header(String name, String value) {
      // Checked as a request's headers are, so that the same rules hold.
      ProviderRequest.get("header", "/").withHeader(name, value);
      headers.put(name, value);
      return this;
    }

    /** Receives a {@link PaykitEvent.ProviderRetry} before each retry. */
    public Builder observer(PaykitObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** The clock of the retry budget and of {@code Retry-After} dates. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The source of the jitter; must be thread-safe. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** What waits between attempts; {@link Sleeper#threadSleep()} if unset. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The exchange.
     *
     * @throws NullPointerException when no credentials were given
     */
    public ProviderExchange build() {
      return new ProviderExchange(this);
    }
  }

  /** The retry policy in use, for a gateway's own messages. */
  public RetryPolicy retryPolicy() {
    return policy;
  }

  /**
   * Sends {@code request} until it is answered for good, it can be retried no more, or the thread
   * is interrupted (which ends it at once, as {@link Outcome.MayHaveActed} if a send was under
   * way). Never throws for anything the provider or the network does.
   */
  public Outcome run(ProviderRequest request) {
    Objects.requireNonNull(request, "request");
    HttpRequest.Builder template = template(request);
    Instant start = clock.instant();
    boolean reauthenticated = false;
    boolean mayHaveActed = false;
    int attempt = 1;
    while (true) {
      Step step = attempt(request, template, attempt);
      if (step instanceof Finished finished) {
        return finished.outcome();
      }
      if (step instanceof Unauthorized unauthorized) {
        if (!reauthenticated && credentials.refused(unauthorized.authorization())) {
          reauthenticated = true;
          log.info(
              "{}: credentials refused (Request-Id {}), re-authenticating once",
              LogText.escape(request),
              LogText.escape(unauthorized.answer().requestId()));
          continue;
        }
        step = judge(unauthorized.answer(), RetryAdvice.Decision.ANSWER);
        if (step instanceof Finished finished) {
          return finished.outcome();
        }
      }
      Transient failure = (Transient) step;
      mayHaveActed |= failure.mayHaveActed();
      Duration delay = delayBeforeRetry(attempt, start, failure.retryAfter());
      if (delay == null) {
        return exhausted(request, attempt, failure, mayHaveActed);
      }
      observer.on(
          new PaykitEvent.ProviderRetry(
              clock.instant(), request.operation(), attempt, failure.label(), delay));
      log.warn(
          "{}: attempt {} failed ({}, Request-Id {}), retrying in {} ms",
          LogText.escape(request),
          attempt,
          LogText.escape(failure.cause()),
          LogText.escape(failure.requestId()),
          delay.toMillis());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return exhausted(request, attempt, failure, mayHaveActed);
      }
      attempt++;
    }
  }

  /** What one attempt came to. */
  private sealed interface Step {}

  private record Finished(Outcome outcome) implements Step {}

  /** A 401: worth one repeat with new credentials, if they can be renewed. */
  private record Unauthorized(Secret authorization, Outcome.Answered answer) implements Step {}

  /** A failure that another attempt may not have. */
  private record Transient(
      String cause,
      boolean mayHaveActed,
      int status,
      String code,
      String requestId,
      Duration retryAfter)
      implements Step {
    /** What failed, as a bounded label for metrics: never an exception's free-text message. */
    String label() {
      return status == 0 ? code : status + " " + (code == null ? "none" : code);
    }
  }

  /** Everything but the credentials, which may change between attempts. */
  private HttpRequest.Builder template(ProviderRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + request.pathAndQuery())).timeout(timeout);
    headers.forEach(builder::setHeader);
    request.headers().forEach(builder::setHeader);
    if (request.body() == null) {
      return builder.GET();
    }
    return builder
        .setHeader("Content-Type", request.contentType())
        .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
  }

  private Step attempt(ProviderRequest request, HttpRequest.Builder template, int attempt) {
    Secret authorization;
    try {
      authorization = credentials.authorization();
    } catch (CredentialsException e) {
      if (e.isTransient()) {
        return new Transient(
            e.getMessage(),
            false,
            e.status(),
            e.code(),
            e.requestId(),
            e.retryAfter().orElse(null));
      }
      return new Finished(
          new Outcome.CredentialsRefused(
              e.status(), e.code(), e.requestId(), attempt, e.getMessage()));
    }
    HttpResponse<byte[]> response;
    try {
      response =
          Transport.send(
              http, template.copy().setHeader("Authorization", authorization.reveal()).build());
    } catch (IOException e) {
      Transport.Failure failure = Transport.classify(e);
      String cause =
          e.getMessage() == null ? failure.code() : failure.code() + ": " + e.getMessage();
      return new Transient(cause, failure.mayHaveActed(), 0, failure.code(), null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      String detail = "interrupted while waiting for the provider";
      log.warn("{}: {} (outcome unknown)", LogText.escape(request), detail);
      return new Finished(new Outcome.MayHaveActed(0, "interrupted", null, attempt, detail));
    }
    int status = response.statusCode();
    String requestId = response.headers().firstValue(requestIdHeader).orElse(null);
    // Guarded: escaping the values costs something on every call, and debug is usually off.
    if (log.isDebugEnabled()) {
      log.debug(
          "{}: attempt {} answered {} (Request-Id {})",
          LogText.escape(request),
          attempt,
          status,
          LogText.escape(requestId));
    }
    Outcome.Answered answer =
        new Outcome.Answered(status, response.headers(), response.body(), requestId, attempt);
    if (answer.successful()) {
      return new Finished(answer);
    }
    if (status == 401) {
      return new Unauthorized(authorization, answer);
    }
    boolean overloaded = status == 429 || status >= 500;
    return judge(
        answer, overloaded ? RetryAdvice.Decision.RETRY_NOT_ACTED : RetryAdvice.Decision.ANSWER);
  }

  /** Applies the advice to an answer that is not 2xx. */
  private Step judge(Outcome.Answered answer, RetryAdvice.Decision byDefault) {
    RetryAdvice.Decision decision =
        Objects.requireNonNull(advice.decide(answer, byDefault), "decision");
    if (!decision.retries()) {
      return new Finished(answer);
    }
    String code = code(answer);
    return new Transient(
        answer.status() + " " + code,
        decision == RetryAdvice.Decision.RETRY_MAY_HAVE_ACTED,
        answer.status(),
        code,
        answer.requestId(),
        retryAfter(answer));
  }

  private Duration retryAfter(Outcome.Answered answer) {
    return Transport.retryAfter(answer.headers(), clock).orElse(null);
  }

  private String code(Outcome.Answered answer) {
    String code;
    try {
      code = errorCode.apply(answer.body());
    } catch (RuntimeException e) {
      // A reader that fails on a body no honest provider sends must not end the call in an
      // exception: the status still names the failure.
      code = null;
    }
    return code == null ? "http_" + answer.status() : code;
  }

  /** The wait before the next attempt, or null when the policy allows no further attempt. */
  private Duration delayBeforeRetry(int attempt, Instant start, Duration retryAfter) {
    if (attempt >= policy.maxAttempts()) {
      return null;
    }
    // The provider said when to come back; coming back sooner would only be refused again.
    Duration delay = retryAfter != null ? retryAfter : policy.jitteredDelay(attempt, random);
    Duration elapsed = Duration.between(start, clock.instant());
    return elapsed.plus(delay).compareTo(policy.totalBudget()) > 0 ? null : delay;
  }

  private Outcome exhausted(
      ProviderRequest request, int attempts, Transient last, boolean mayHaveActed) {
    String why =
        attempts >= policy.maxAttempts()
            ? "after " + attempts + " attempt(s)"
            : "after " + attempts + " attempt(s), retry budget " + policy.totalBudget() + " spent";
    String detail =
        last.cause()
            + " "
            + why
            + (last.requestId() == null ? "" : " (Request-Id " + last.requestId() + ")");
    log.warn(
        "{}: {} ({})",
        LogText.escape(request),
        LogText.escape(detail),
        mayHaveActed ? "outcome unknown" : "provider did not act");
    return mayHaveActed
        ? new Outcome.MayHaveActed(last.status(), last.code(), last.requestId(), attempts, detail)
        : new Outcome.NotActed(last.status(), last.code(), last.requestId(), attempts, detail);
  }

  private static Duration requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }
}
