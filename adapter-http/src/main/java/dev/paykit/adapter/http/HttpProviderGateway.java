package dev.paykit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paykit.adapter.http.ProviderJson.ErrorBody;
import dev.paykit.adapter.http.ProviderJson.UnreadableJsonException;
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
import dev.paykit.port.out.ProviderFacts;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.shared.LogText;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.transport.OAuth2ClientCredentials;
import dev.paykit.transport.Outcome;
import dev.paykit.transport.ProviderExchange;
import dev.paykit.transport.ProviderRequest;
import dev.paykit.transport.RetryPolicy;
import dev.paykit.transport.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference provider API over HTTP.
 *
 * <p>The reference gateway composes the transport toolkit ({@link ProviderExchange} with {@link
 * OAuth2ClientCredentials}; see {@code docs/writing-a-gateway.md}). Each call is sent with a bearer
 * token and, for creates and refunds, the caller's idempotency key, the same on every attempt.
 * Connect errors, timeouts, a connection lost mid-answer, 429 and 5xx are retried with exponential
 * backoff and full jitter (a {@code Retry-After} is honoured as given), within the {@link
 * RetryPolicy}'s attempts and time budget; any other 4xx is final. A 401 gets one re-authentication
 * and one repeat.
 *
 * <p>What the caller gets back decides what happens to money, so the distinction is kept: when
 * every attempt failed before reaching the provider, or the provider kept refusing with 429/5xx
 * (the reference API answers those only for requests it did not process), the result is {@link
 * ProviderResult.Unavailable}; when any attempt may have reached it without an answer coming back
 * (a timeout or a broken connection after sending), or its 2xx answer could not be read, it is
 * {@link ProviderResult.Unknown}.
 */
public final class HttpProviderGateway implements ProviderGateway {
  private static final Logger log = LoggerFactory.getLogger(HttpProviderGateway.class);

  /**
   * The reference API replays a key's answer for 24 hours from when it stored it
   * (docs/provider-api.md); an hour less leaves room for clocks that disagree.
   */
  private static final ProviderFacts FACTS = new ProviderFacts(Duration.ofHours(23));

  private final ProviderExchange exchange;
  private final ProviderJson json;
  private final PaykitObserver observer;
  private final Clock clock;

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
    this.json = new ProviderJson();
    this.observer = Objects.requireNonNull(observer, "observer");
    this.clock = Objects.requireNonNull(clock, "clock");
    HttpClient http = ProviderExchange.httpClient(settings.baseUri(), settings.connectTimeout());
    this.exchange =
        ProviderExchange.builder(http, settings.baseUri())
            .credentials(
                OAuth2ClientCredentials.builder(
                        http,
                        Endpoints.resolve(settings.baseUri(), "/oauth/token"),
                        settings.clientId(),
                        settings.clientSecret())
                    .timeout(settings.requestTimeout())
                    .requestIdHeader(Endpoints.REQUEST_ID)
                    .observer(observer)
                    .clock(clock)
                    .build())
            .timeout(settings.requestTimeout())
            .retryPolicy(settings.retryPolicy())
            .errorCode(body -> json.error(body).code())
            .requestIdHeader(Endpoints.REQUEST_ID)
            .header("Accept", ProviderRequest.JSON)
            .header("User-Agent", "paykit-adapter-http")
            .observer(observer)
            .clock(clock)
            .random(random)
            .sleeper(sleeper)
            .build();
  }

  /** A gateway that really sleeps between retries and draws its jitter at random. */
  public static HttpProviderGateway create(
      ProviderHttpSettings settings, PaykitObserver observer, Clock clock) {
    return new HttpProviderGateway(settings, observer, clock, new Random(), Sleeper.threadSleep());
  }

  @Override
  public ProviderFacts facts() {
    return FACTS;
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
    /** The same request for every attempt, and so the same idempotency key. */
    ProviderRequest request() {
      ProviderRequest request =
          body == null
              ? ProviderRequest.get(operation, path)
              : ProviderRequest.of(operation, method, path, ProviderRequest.JSON, body);
      return key == null ? request : request.withIdempotencyKey(key.value());
    }

    @Override
    public String toString() {
      return operation + " (" + method + " " + path + ")";
    }
  }

  private <T> ProviderResult<T> call(Call<T> call) {
    Outcome outcome = exchange.run(call.request());
    if (outcome instanceof Outcome.Answered answered) {
      return answered.successful()
          ? success(call, answered)
          : rejected(call, answered.status(), json.error(answered.body()), answered.requestId());
    }
    if (outcome instanceof Outcome.NotActed failed) {
      report(call, failed.status(), failed.code(), failed.requestId());
      return new ProviderResult.Unavailable<>(call + ": " + failed.detail());
    }
    if (outcome instanceof Outcome.MayHaveActed failed) {
      report(call, failed.status(), failed.code(), failed.requestId());
      return new ProviderResult.Unknown<>(
          call + ": " + failed.detail() + "; the provider may have acted");
    }
    // Whatever the token endpoint's status, our credentials were refused: never the request's
    // fault, so the payment must not fail over it.
    Outcome.CredentialsRefused refused = (Outcome.CredentialsRefused) outcome;
    return refuse(
        call,
        refused.status(),
        new ProviderError(
            ProviderError.Kind.AUTHENTICATION, refused.code(), refused.detail(), null, null),
        refused.requestId());
  }

  private <T> ProviderResult<T> success(Call<T> call, Outcome.Answered answer) {
    String requestId = answer.requestId();
    boolean replayed =
        answer.header(Endpoints.IDEMPOTENT_REPLAYED).map("true"::equalsIgnoreCase).orElse(false);
    String unreadable;
    try {
      T value = call.reader().read(json.readObject(answer.body()));
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
    report(call, answer.status(), "unreadable_response", requestId);
    log.warn(
        "{}: answered {} but the body is unreadable ({}), Request-Id {}",
        LogText.escape(call),
        answer.status(),
        LogText.escape(unreadable),
        LogText.escape(requestId));
    return new ProviderResult.Unknown<>(
        call
            + ": answered "
            + answer.status()
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
