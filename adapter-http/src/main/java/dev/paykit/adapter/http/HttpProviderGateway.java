package dev.paykit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paykit.adapter.http.ProviderJson.ErrorBody;
import dev.paykit.adapter.http.ProviderJson.UnreadableJsonException;
import dev.paykit.adapter.http.TokenProvider.TokenException;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.shared.LogText;
import dev.paykit.port.shared.ProviderError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference provider API over HTTP.
 *
 * <p>Each call is sent with a bearer token and, for creates and refunds, the caller's idempotency
 * key, the same on every attempt. Connect errors, timeouts, a connection lost mid-answer, 429 and
 * 5xx are retried with exponential backoff and full jitter (a {@code Retry-After} is honoured as
 * given), within the {@link RetryPolicy}'s attempts and time budget; any other 4xx is final. A 401
 * gets one re-authentication and one repeat.
 *
 * <p>What the caller gets back decides what happens to money, so the distinction is kept: when
 * every attempt failed before reaching the provider, or the provider kept refusing with 429/5xx,
 * the result is {@link ProviderResult.Unavailable}; when any attempt may have reached it without an
 * answer coming back (a timeout or a broken connection after sending), or its 2xx answer could not
 * be read, it is {@link ProviderResult.Unknown}.
 */
public final class HttpProviderGateway implements ProviderGateway {
  private static final Logger log = LoggerFactory.getLogger(HttpProviderGateway.class);

  private final URI baseUri;
  private final Duration requestTimeout;
  private final RetryPolicy policy;
  private final HttpClient http;
  private final TokenProvider tokens;
  private final ProviderJson json;
  private final PaykitObserver observer;
  private final Clock clock;
  private final RandomGenerator random;
  private final Sleeper sleeper;

  /**
   * @param random the source of the retry jitter
   * @param sleeper waits between attempts
   */
  public HttpProviderGateway(
      ProviderHttpSettings settings,
      PaykitObserver observer,
      Clock clock,
      RandomGenerator random,
      Sleeper sleeper) {
    Objects.requireNonNull(settings, "settings");
    this.baseUri = settings.baseUri();
    this.requestTimeout = settings.requestTimeout();
    this.policy = settings.retryPolicy();
    this.http = httpClient(settings);
    this.json = new ProviderJson();
    this.observer = Objects.requireNonNull(observer, "observer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.tokens = new TokenProvider(http, settings, json, observer, clock);
  }

  /** A gateway that really sleeps between retries and draws its jitter at random. */
  public static HttpProviderGateway create(
      ProviderHttpSettings settings, PaykitObserver observer, Clock clock) {
    return new HttpProviderGateway(settings, observer, clock, new Random(), Sleeper.threadSleep());
  }

  private static HttpClient httpClient(ProviderHttpSettings settings) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            // A redirect would resend the bearer token to wherever it points.
            .followRedirects(HttpClient.Redirect.NEVER);
    if ("http".equalsIgnoreCase(settings.baseUri().getScheme())) {
      // Plain http is only allowed to loopback; there the JDK's h2c upgrade attempt on the first
      // request is an extra negotiation that test servers handle unevenly.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    return builder.build();
  }

  @Override
  public ProviderResult<ProviderPayment> createPayment(PaymentRequest request, IdempotencyKey key) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(key, "key");
    return call(
        new Call<>(
            "createPayment",
            "POST",
            "/v1/payments",
            json.write(json.createPaymentBody(request)),
            key,
            node -> json.payment(node, "")));
  }

  @Override
  public ProviderResult<ProviderPayment> getPayment(TransactionId transactionId) {
    Objects.requireNonNull(transactionId, "transactionId");
    return call(
        new Call<>(
            "getPayment",
            "GET",
            "/v1/payments/" + Endpoints.encode(transactionId.value()),
            null,
            null,
            node -> json.payment(node, "")));
  }

  @Override
  public ProviderResult<ProviderPaymentPage> findPayments(
      ExternalId externalId, String cursor, int limit) {
    Objects.requireNonNull(externalId, "externalId");
    String query =
        "?externalId="
            + Endpoints.encode(externalId.value())
            + "&limit="
            + limit
            + (cursor == null ? "" : "&cursor=" + Endpoints.encode(cursor));
    return call(new Call<>("findPayments", "GET", "/v1/payments" + query, null, null, json::page));
  }

  @Override
  public ProviderResult<ProviderRefund> createRefund(
      TransactionId transactionId, Money amount, String reason, IdempotencyKey key) {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(key, "key");
    return call(
        new Call<>(
            "createRefund",
            "POST",
            "/v1/payments/" + Endpoints.encode(transactionId.value()) + "/refunds",
            json.write(json.createRefundBody(amount, reason)),
            key,
            node -> json.refund(node, "")));
  }

  @Override
  public ProviderResult<ProviderRefund> getRefund(String providerRefundId) {
    Objects.requireNonNull(providerRefundId, "providerRefundId");
    return call(
        new Call<>(
            "getRefund",
            "GET",
            "/v1/refunds/" + Endpoints.encode(providerRefundId),
            null,
            null,
            node -> json.refund(node, "")));
  }

  @Override
  public ProviderResult<ProviderDispute> getDispute(DisputeId disputeId) {
    Objects.requireNonNull(disputeId, "disputeId");
    return call(
        new Call<>(
            "getDispute",
            "GET",
            "/v1/disputes/" + Endpoints.encode(disputeId.value()),
            null,
            null,
            node -> json.dispute(node, "")));
  }

  @Override
  public ProviderResult<ProviderDispute> submitEvidence(
      DisputeId disputeId, Evidence evidence, IdempotencyKey key) {
    Objects.requireNonNull(disputeId, "disputeId");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(key, "key");
    return call(
        new Call<>(
            "submitEvidence",
            "POST",
            "/v1/disputes/" + Endpoints.encode(disputeId.value()) + "/evidence",
            json.write(json.evidenceBody(evidence)),
            key,
            node -> json.dispute(node, "")));
  }

  /** Reads a 2xx body into the call's result type. */
  @FunctionalInterface
  private interface BodyReader<T> {
    T read(JsonNode body) throws UnreadableJsonException;
  }

  private record Call<T>(
      String operation,
      String method,
      String path,
      byte[] body,
      IdempotencyKey key,
      BodyReader<T> reader) {
    @Override
    public String toString() {
      return operation + " (" + method + " " + path + ")";
    }
  }

  /** What one attempt came to. */
  private sealed interface Step<T> {}

  private record Finished<T>(ProviderResult<T> result) implements Step<T> {}

  /** The token was refused: worth one re-authentication, and a repeat. */
  private record Unauthorized<T>(String token, int status, ErrorBody error, String requestId)
      implements Step<T> {}

  /** A failure that another attempt may not have. */
  private record Transient<T>(
      String cause,
      boolean mayHaveActed,
      int status,
      String code,
      String requestId,
      Duration retryAfter)
      implements Step<T> {
    /** What failed, as a bounded label for metrics: never an exception's free-text message. */
    String label() {
      return status == 0 ? code : status + " " + (code == null ? "none" : code);
    }
  }

  private <T> ProviderResult<T> call(Call<T> call) {
    Instant start = clock.instant();
    boolean reauthenticated = false;
    boolean mayHaveActed = false;
    int attempt = 1;
    while (true) {
      Step<T> step = attempt(call, attempt);
      if (step instanceof Finished<T> finished) {
        return finished.result();
      }
      if (step instanceof Unauthorized<T> unauthorized) {
        if (reauthenticated) {
          return rejected(
              call, unauthorized.status(), unauthorized.error(), unauthorized.requestId());
        }
        reauthenticated = true;
        tokens.invalidate(unauthorized.token());
        log.info(
            "{}: token refused (Request-Id {}), re-authenticating once",
            LogText.escape(call),
            LogText.escape(unauthorized.requestId()));
        continue;
      }
      Transient<T> failure = (Transient<T>) step;
      mayHaveActed |= failure.mayHaveActed();
      Duration delay = delayBeforeRetry(attempt, start, failure.retryAfter());
      if (delay == null) {
        return exhausted(call, attempt, failure, mayHaveActed);
      }
      observer.on(
          new PaykitEvent.ProviderRetry(
              clock.instant(), call.operation(), attempt, failure.label(), delay));
      log.warn(
          "{}: attempt {} failed ({}, Request-Id {}), retrying in {} ms",
          LogText.escape(call),
          attempt,
          LogText.escape(failure.cause()),
          LogText.escape(failure.requestId()),
          delay.toMillis());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return exhausted(call, attempt, failure, mayHaveActed);
      }
      attempt++;
    }
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

  private <T> Step<T> attempt(Call<T> call, int attempt) {
    String token;
    try {
      token = tokens.token();
    } catch (TokenException e) {
      if (e.isTransient()) {
        return new Transient<>(
            e.getMessage(), false, e.status(), e.code(), e.requestId(), e.retryAfter());
      }
      // Whatever the token endpoint's status, our credentials were refused: never the request's
      // fault, so the payment must not fail over it.
      ProviderError refused =
          new ProviderError(
              ProviderError.Kind.AUTHENTICATION, e.code(), e.getMessage(), null, null);
      return new Finished<>(refuse(call, e.status(), refused, e.requestId()));
    }
    HttpResponse<byte[]> response;
    try {
      response = Transport.send(http, request(call, token));
    } catch (IOException e) {
      Transport.Failure failure = Transport.classify(e);
      String cause = e.getMessage() == null ? failure.code : failure.code + ": " + e.getMessage();
      return new Transient<>(cause, failure.mayHaveActed(), 0, failure.code, null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Finished<>(
          new ProviderResult.Unknown<>(
              call + ": interrupted while waiting for the provider; it may have acted"));
    }
    int status = response.statusCode();
    String requestId = response.headers().firstValue(Endpoints.REQUEST_ID).orElse(null);
    // Guarded: escaping the values costs something on every call, and debug is usually off.
    if (log.isDebugEnabled()) {
      log.debug(
          "{}: attempt {} answered {} (Request-Id {})",
          LogText.escape(call),
          attempt,
          status,
          LogText.escape(requestId));
    }
    if (status >= 200 && status < 300) {
      return new Finished<>(success(call, response, requestId));
    }
    ErrorBody error = json.error(response.body());
    if (status == 401) {
      return new Unauthorized<>(token, status, error, requestId);
    }
    if (status == 429 || status >= 500) {
      String code = error.code() == null ? "http_" + status : error.code();
      return new Transient<>(
          status + " " + code,
          false,
          status,
          code,
          requestId,
          Transport.retryAfter(response, clock));
    }
    return new Finished<>(rejected(call, status, error, requestId));
  }

  private HttpRequest request(Call<?> call, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(Endpoints.resolve(baseUri, call.path()))
            .timeout(requestTimeout)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .header("User-Agent", "paykit-adapter-http");
    if (call.key() != null) {
      builder.header(Endpoints.IDEMPOTENCY_KEY, call.key().value());
    }
    if (call.body() == null) {
      return builder.GET().build();
    }
    return builder
        .header("Content-Type", "application/json")
        .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()))
        .build();
  }

  private <T> ProviderResult<T> success(
      Call<T> call, HttpResponse<byte[]> response, String requestId) {
    boolean replayed =
        response
            .headers()
            .firstValue(Endpoints.IDEMPOTENT_REPLAYED)
            .map("true"::equalsIgnoreCase)
            .orElse(false);
    String unreadable;
    try {
      T value = call.reader().read(json.readObject(response.body()));
      return new ProviderResult.Success<>(value, requestId, replayed);
    } catch (UnreadableJsonException e) {
      unreadable = e.getMessage();
    } catch (RuntimeException e) {
      // Whatever failed while reading (a library's own exception on a value no honest provider
      // sends), the provider did act: the answer must not become an exception after the fact.
      // Named by its type: its message may quote the body.
      unreadable = "reading it failed with " + e.getClass().getName();
    }
    // The provider did act and said so; only what it said is lost. Asking again later (by
    // transaction id or externalId) finds out, so this is an unknown outcome, not a failure.
    report(call, response.statusCode(), "unreadable_response", requestId);
    log.warn(
        "{}: answered {} but the body is unreadable ({}), Request-Id {}",
        LogText.escape(call),
        response.statusCode(),
        LogText.escape(unreadable),
        LogText.escape(requestId));
    return new ProviderResult.Unknown<>(
        call
            + ": answered "
            + response.statusCode()
            + " with an unreadable body ("
            + unreadable
            + ")"
            + requestIdSuffix(requestId));
  }

  private <T> ProviderResult<T> rejected(
      Call<T> call, int status, ErrorBody error, String requestId) {
    return refuse(
        call,
        status,
        new ProviderError(
            kind(status, error),
            error.code() == null ? "http_" + status : error.code(),
            error.message(),
            error.param(),
            declineCode(error.declineCode())),
        requestId);
  }

  private <T> ProviderResult<T> refuse(
      Call<T> call, int status, ProviderError providerError, String requestId) {
    report(call, status, providerError.code(), requestId);
    log.warn(
        "{}: refused with {} {} (kind {}, param {}, Request-Id {})",
        LogText.escape(call),
        status,
        LogText.escape(providerError.code()),
        providerError.kind(),
        LogText.escape(providerError.param()),
        LogText.escape(requestId));
    return new ProviderResult.Rejected<>(providerError, requestId);
  }

  private <T> ProviderResult<T> exhausted(
      Call<T> call, int attempts, Transient<T> last, boolean mayHaveActed) {
    report(call, last.status(), last.code(), last.requestId());
    String why =
        attempts >= policy.maxAttempts()
            ? "after " + attempts + " attempt(s)"
            : "after " + attempts + " attempt(s), retry budget " + policy.totalBudget() + " spent";
    String detail = call + ": " + last.cause() + " " + why + requestIdSuffix(last.requestId());
    log.warn(
        "{} ({})",
        LogText.escape(detail),
        mayHaveActed ? "outcome unknown" : "provider did not act");
    return mayHaveActed
        ? new ProviderResult.Unknown<>(detail + "; the provider may have acted")
        : new ProviderResult.Unavailable<>(detail);
  }

  private void report(Call<?> call, int status, String code, String requestId) {
    observer.on(
        new PaykitEvent.ProviderFailure(
            clock.instant(), call.operation(), status, code, requestId));
  }

  /** The provider's code decides where it is specific; the status decides otherwise. */
  private static ProviderError.Kind kind(int status, ErrorBody error) {
    String code = error.code() == null ? "" : error.code();
    switch (code) {
      case "not_found":
        return ProviderError.Kind.NOT_FOUND;
      case "idempotency_key_in_use":
        return ProviderError.Kind.IDEMPOTENCY_KEY_IN_USE;
      case "idempotency_key_reuse":
        return ProviderError.Kind.IDEMPOTENCY_KEY_REUSE;
      case "refund_exceeds_payment":
        return ProviderError.Kind.REFUND_EXCEEDS_PAYMENT;
      case "payment_not_refundable":
        return ProviderError.Kind.NOT_REFUNDABLE;
      case "evidence_deadline_passed":
        return ProviderError.Kind.EVIDENCE_DEADLINE_PASSED;
      case "invalid_token":
      case "invalid_client":
        return ProviderError.Kind.AUTHENTICATION;
      case "declined":
      case "card_declined":
      case "payment_declined":
        return ProviderError.Kind.DECLINED;
      default:
        break;
    }
    if (error.declineCode() != null) {
      return ProviderError.Kind.DECLINED;
    }
    switch (status) {
      case 400:
      case 422:
        return ProviderError.Kind.VALIDATION;
      case 401:
      case 403:
        return ProviderError.Kind.AUTHENTICATION;
      case 402:
        return ProviderError.Kind.DECLINED;
      case 404:
        return ProviderError.Kind.NOT_FOUND;
      case 409:
        return ProviderError.Kind.IDEMPOTENCY_KEY_IN_USE;
      default:
        return ProviderError.Kind.OTHER;
    }
  }

  private static DeclineCode declineCode(String code) {
    if (code == null) {
      return null;
    }
    try {
      return new DeclineCode(code);
    } catch (ValidationException e) {
      return null;
    }
  }

  private static String requestIdSuffix(String requestId) {
    return requestId == null ? "" : " (Request-Id " + requestId + ")";
  }
}
