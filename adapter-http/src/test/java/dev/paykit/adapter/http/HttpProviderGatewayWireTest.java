package dev.paykit.adapter.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.sandbox.MutableClock;
import dev.paykit.transport.FixedRandom;
import dev.paykit.transport.RecordingObserver;
import dev.paykit.transport.RecordingSleeper;
import dev.paykit.transport.RetryPolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gateway against an HTTP test double, for the faults a real provider cannot be made to. */
class HttpProviderGatewayWireTest {

  @RegisterExtension
  static WireMockExtension provider =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static final String CLIENT_SECRET = "cs_wire_Zk3QmV8pL2";
  static final IdempotencyKey KEY = IdempotencyKey.of("pk_order-8812-attempt-1");
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** For the tests that wait it out: long enough for a cold JVM's first exchange, no longer. */
  static final Duration SHORT_TIMEOUT = Duration.ofMillis(1500);

  /** How long the slow responses take: far past {@link #SHORT_TIMEOUT}. */
  static final int SLOW_MILLIS = 8_000;

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final RecordingObserver observer = new RecordingObserver();

  static PaymentRequest paymentRequest() {
    return new PaymentRequest(
        new ExternalId("order-8812"),
        Money.of(1050, "EUR"),
        "Two concert tickets",
        Metadata.of(Map.of("cartId", "c-19")),
        ReturnUrls.of("https://shop.example/pay/return", "https://shop.example/pay/cancel"),
        Duration.ofMinutes(15));
  }

  private HttpProviderGateway gateway(RetryPolicy policy) {
    return gateway(URI.create(provider.baseUrl()), policy, REQUEST_TIMEOUT);
  }

  private HttpProviderGateway impatientGateway(RetryPolicy policy) {
    return gateway(URI.create(provider.baseUrl()), policy, SHORT_TIMEOUT);
  }

  private HttpProviderGateway gateway(URI baseUri, RetryPolicy policy, Duration requestTimeout) {
    ProviderHttpSettings settings =
        new ProviderHttpSettings(
            baseUri,
            "client-1",
            Secret.of(CLIENT_SECRET),
            List.of(),
            Duration.ofSeconds(2),
            requestTimeout,
            policy);
    return new HttpProviderGateway(settings, observer, clock, FixedRandom.HIGHEST, sleeper);
  }

  private static RetryPolicy attempts(int maxAttempts) {
    return new RetryPolicy(
        maxAttempts, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(60));
  }

  private static void tokenIssues(String token) {
    provider.stubFor(post("/oauth/token").willReturn(okJsonBody(Fixtures.token(token, 3600))));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJsonBody(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withHeader("Request-Id", "req_token")
        .withBody(body);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String requestId, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("Request-Id", requestId)
        .withBody(body);
  }

  private static List<String> idempotencyKeysSent() {
    return provider.findAll(postRequestedFor(urlEqualTo("/v1/payments"))).stream()
        .map(request -> request.getHeader("Idempotency-Key"))
        .toList();
  }

  private static <T> T success(ProviderResult<T> result) {
    assertThat(result).isInstanceOf(ProviderResult.Success.class);
    return ((ProviderResult.Success<T>) result).value();
  }

  private static ProviderResult.Rejected<?> rejected(ProviderResult<?> result) {
    assertThat(result).isInstanceOf(ProviderResult.Rejected.class);
    return (ProviderResult.Rejected<?>) result;
  }

  @Nested
  class Flows {
    @Test
    void creates_a_payment_with_token_key_and_body_and_keeps_the_request_id() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .willReturn(json(201, "req_create", Fixtures.payment("tx_1", "started"))));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(result)
          .isEqualTo(new ProviderResult.Success<>(success(result), "req_create", false));
      ProviderPayment payment = success(result);
      assertThat(payment.transactionId()).isEqualTo(new TransactionId("tx_1"));
      assertThat(payment.status()).isEqualTo(ProviderStatus.STARTED);
      assertThat(payment.checkoutUrl()).hasToString("https://provider.example/checkout/tx_1");
      provider.verify(
          postRequestedFor(urlEqualTo("/v1/payments"))
              .withHeader("Authorization", equalTo("Bearer tok-1"))
              .withHeader("Idempotency-Key", equalTo(KEY.value()))
              .withHeader("Content-Type", equalTo("application/json"))
              .withRequestBody(
                  equalToJson(
                      """
                      {"amount": {"value": 1050, "currency": "EUR"},
                       "externalId": "order-8812",
                       "description": "Two concert tickets",
                       "metadata": {"cartId": "c-19"},
                       "successUrl": "https://shop.example/pay/return",
                       "cancelUrl": "https://shop.example/pay/cancel",
                       "expiresInSeconds": 900}
                      """)));
    }

    @Test
    void a_replayed_answer_is_marked_as_replayed() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .willReturn(
                  json(201, "req_replay", Fixtures.payment("tx_1", "started"))
                      .withHeader("Idempotent-Replayed", "true")));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(((ProviderResult.Success<ProviderPayment>) result).replayed()).isTrue();
    }

    @Test
    void gets_a_declined_payment_with_its_decline_code() {
      tokenIssues("tok-1");
      provider.stubFor(
          get("/v1/payments/tx_1")
              .willReturn(
                  json(
                      200,
                      "req_get",
                      Fixtures.payment(
                          "tx_1",
                          "cancelled",
                          "{\"reason\": \"declined\", \"declineCode\": \"expired_card\"}"))));

      ProviderPayment payment = success(gateway(attempts(3)).getPayment(new TransactionId("tx_1")));

      assertThat(payment.status()).isEqualTo(ProviderStatus.DECLINED);
      assertThat(payment.failure().reason()).isEqualTo(FailureReason.DECLINED);
      assertThat(payment.failure().declineCode()).isEqualTo(DeclineCode.EXPIRED_CARD);
    }

    @Test
    void a_transaction_id_is_sent_as_one_encoded_path_segment() {
      tokenIssues("tok-1");
      provider.stubFor(
          get("/v1/payments/tx%2F..%2Fadmin%3Fx%3D1")
              .willReturn(json(200, "req_get", Fixtures.payment("tx_1", "started"))));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(1)).getPayment(new TransactionId("tx/../admin?x=1"));

      assertThat(result).isInstanceOf(ProviderResult.Success.class);
    }

    @Test
    void finds_payments_by_external_id_page_by_page() {
      tokenIssues("tok-1");
      provider.stubFor(
          get(urlPathEqualTo("/v1/payments"))
              .withQueryParam("externalId", equalTo("order 8812"))
              .withQueryParam("limit", equalTo("2"))
              .withQueryParam("cursor", equalTo("c_2"))
              .willReturn(
                  json(
                      200,
                      "req_list",
                      "{\"data\": ["
                          + Fixtures.payment("tx_3", "confirmed")
                          + ","
                          + Fixtures.payment("tx_2", "expired")
                          + "], \"nextCursor\": \"c_3\"}")));

      ProviderPaymentPage page =
          success(gateway(attempts(1)).findPayments(new ExternalId("order 8812"), "c_2", 2));

      assertThat(page.data())
          .extracting(ProviderPayment::transactionId)
          .containsExactly(new TransactionId("tx_3"), new TransactionId("tx_2"));
      assertThat(page.nextCursor()).isEqualTo("c_3");
    }

    @Test
    void the_first_page_is_asked_without_a_cursor_and_the_last_has_none() {
      tokenIssues("tok-1");
      provider.stubFor(
          get(urlPathEqualTo("/v1/payments"))
              .willReturn(json(200, "req_list", "{\"data\": [], \"nextCursor\": null}")));

      ProviderPaymentPage page =
          success(gateway(attempts(1)).findPayments(new ExternalId("order-1"), null, 20));

      assertThat(page.data()).isEmpty();
      assertThat(page.next()).isEmpty();
      assertThat(provider.findAll(getRequestedFor(urlPathEqualTo("/v1/payments"))).get(0).getUrl())
          .isEqualTo("/v1/payments?externalId=order-1&limit=20");
    }

    @Test
    void creates_and_gets_a_refund() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments/tx_1/refunds")
              .withHeader("Idempotency-Key", equalTo("rk-1"))
              .withRequestBody(
                  equalToJson(
                      "{\"amount\": {\"value\": 500, \"currency\": \"EUR\"},"
                          + " \"reason\": \"requested_by_customer\"}"))
              .willReturn(json(201, "req_refund", Fixtures.refund("rf_1", "tx_1", "pending"))));
      provider.stubFor(
          get("/v1/refunds/rf_1")
              .willReturn(
                  json(200, "req_get_refund", Fixtures.refund("rf_1", "tx_1", "succeeded"))));
      HttpProviderGateway gateway = gateway(attempts(1));

      ProviderRefund created =
          success(
              gateway.createRefund(
                  new TransactionId("tx_1"),
                  Money.of(500, "EUR"),
                  "requested_by_customer",
                  IdempotencyKey.of("rk-1")));
      ProviderRefund fetched = success(gateway.getRefund("rf_1"));

      assertThat(created.status()).isEqualTo(RefundState.PENDING);
      assertThat(created.amount()).isEqualTo(Money.of(500, "EUR"));
      assertThat(fetched.status()).isEqualTo(RefundState.SUCCEEDED);
    }
  }

  @Nested
  class Retries {
    @Test
    void server_errors_are_retried_with_the_same_key_and_growing_jittered_waits() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .inScenario("flaky")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(json(503, "req_a", Fixtures.error("unavailable", "busy", null, null)))
              .willSetStateTo("second"));
      provider.stubFor(
          post("/v1/payments")
              .inScenario("flaky")
              .whenScenarioStateIs("second")
              .willReturn(json(500, "req_b", Fixtures.error("internal_error", "oops", null, null)))
              .willSetStateTo("third"));
      provider.stubFor(
          post("/v1/payments")
              .inScenario("flaky")
              .whenScenarioStateIs("third")
              .willReturn(json(201, "req_c", Fixtures.payment("tx_1", "started"))));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(4)).createPayment(paymentRequest(), KEY);

      assertThat(((ProviderResult.Success<ProviderPayment>) result).requestId()).isEqualTo("req_c");
      assertThat(idempotencyKeysSent()).containsExactly(KEY.value(), KEY.value(), KEY.value());
      // The jitter source always draws the top of the range: base, then twice the base.
      assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
      assertThat(observer.events(PaykitEvent.ProviderRetry.class))
          .extracting(PaykitEvent.ProviderRetry::attempt, PaykitEvent.ProviderRetry::cause)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, "503 unavailable"),
              org.assertj.core.groups.Tuple.tuple(2, "500 internal_error"));
    }

    @Test
    void rate_limiting_waits_exactly_as_long_as_retry_after_says() {
      tokenIssues("tok-1");
      provider.stubFor(
          get("/v1/payments/tx_1")
              .inScenario("limited")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(
                  json(429, "req_429", Fixtures.error("rate_limited", "slow down", null, null))
                      .withHeader("Retry-After", "7"))
              .willSetStateTo("open"));
      provider.stubFor(
          get("/v1/payments/tx_1")
              .inScenario("limited")
              .whenScenarioStateIs("open")
              .willReturn(json(200, "req_ok", Fixtures.payment("tx_1", "started"))));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).getPayment(new TransactionId("tx_1"));

      assertThat(result).isInstanceOf(ProviderResult.Success.class);
      assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a_retry_after_beyond_the_budget_gives_up_at_once_as_unavailable() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .willReturn(
                  json(429, "req_429", Fixtures.error("rate_limited", "slow down", null, null))
                      .withHeader("Retry-After", "120")));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(5)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
      assertThat(((ProviderResult.Unavailable<?>) result).detail())
          .contains("429 rate_limited")
          .contains("req_429");
      assertThat(sleeper.waits()).isEmpty();
      provider.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void retries_stop_when_the_next_wait_would_overrun_the_total_budget() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .willReturn(json(503, "req_503", Fixtures.error("unavailable", "busy", null, null))));
      RetryPolicy policy =
          new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(5));

      ProviderResult<ProviderPayment> result = gateway(policy).createPayment(paymentRequest(), KEY);

      // Waits of 1 s and 2 s fit in 5 s; the next, 4 s, would not.
      assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
      assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
      assertThat(((ProviderResult.Unavailable<?>) result).detail()).contains("budget");
      provider.verify(exactly(3), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void server_errors_through_every_attempt_are_unavailable_with_the_last_request_id() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .willReturn(
                  json(500, "req_500", Fixtures.error("internal_error", "oops", null, null))));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
      assertThat(((ProviderResult.Unavailable<?>) result).detail())
          .contains("after 3 attempt(s)")
          .contains("req_500");
      provider.verify(exactly(3), postRequestedFor(urlEqualTo("/v1/payments")));
      assertThat(observer.events(PaykitEvent.ProviderFailure.class))
          .singleElement()
          .satisfies(
              failure -> {
                assertThat(failure.operation()).isEqualTo("createPayment");
                assertThat(failure.status()).isEqualTo(500);
                assertThat(failure.code()).isEqualTo("internal_error");
                assertThat(failure.requestId()).isEqualTo("req_500");
              });
    }

    static Stream<Arguments> definitive_refusals() {
      return Stream.of(
          Arguments.of(400, "invalid_amount", "amount.value", null, ProviderError.Kind.VALIDATION),
          Arguments.of(400, "invalid_url", "successUrl", null, ProviderError.Kind.VALIDATION),
          Arguments.of(404, "not_found", null, null, ProviderError.Kind.NOT_FOUND),
          Arguments.of(
              409, "idempotency_key_in_use", null, null, ProviderError.Kind.IDEMPOTENCY_KEY_IN_USE),
          Arguments.of(
              422, "idempotency_key_reuse", null, null, ProviderError.Kind.IDEMPOTENCY_KEY_REUSE),
          Arguments.of(
              402, "card_declined", null, "insufficient_funds", ProviderError.Kind.DECLINED),
          Arguments.of(
              400,
              "refund_exceeds_payment",
              "amount.value",
              null,
              ProviderError.Kind.REFUND_EXCEEDS_PAYMENT),
          Arguments.of(
              400, "payment_not_refundable", null, null, ProviderError.Kind.NOT_REFUNDABLE),
          Arguments.of(
              400,
              "evidence_deadline_passed",
              null,
              null,
              ProviderError.Kind.EVIDENCE_DEADLINE_PASSED),
          Arguments.of(403, "forbidden", null, null, ProviderError.Kind.AUTHENTICATION),
          Arguments.of(418, "teapot", null, null, ProviderError.Kind.OTHER));
    }

    @ParameterizedTest(name = "{0} {1} -> {4}")
    @MethodSource("definitive_refusals")
    void other_client_errors_are_final_typed_and_never_retried(
        int status, String code, String param, String declineCode, ProviderError.Kind kind) {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .willReturn(
                  json(status, "req_4xx", Fixtures.error(code, "explained", param, declineCode))));

      ProviderResult.Rejected<?> rejected =
          rejected(gateway(attempts(4)).createPayment(paymentRequest(), KEY));

      assertThat(rejected.requestId()).isEqualTo("req_4xx");
      assertThat(rejected.error().kind()).isEqualTo(kind);
      assertThat(rejected.error().code()).isEqualTo(code);
      assertThat(rejected.error().message()).isEqualTo("explained");
      assertThat(rejected.error().param()).isEqualTo(param);
      assertThat(rejected.error().declineCode())
          .isEqualTo(declineCode == null ? null : new DeclineCode(declineCode));
      assertThat(sleeper.waits()).isEmpty();
      provider.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void an_error_status_without_the_api_error_body_still_maps_by_status() {
      tokenIssues("tok-1");
      provider.stubFor(
          get("/v1/payments/tx_9")
              .willReturn(aResponse().withStatus(404).withBody("<html>Not Found</html>")));

      ProviderResult.Rejected<?> rejected =
          rejected(gateway(attempts(3)).getPayment(new TransactionId("tx_9")));

      assertThat(rejected.error().kind()).isEqualTo(ProviderError.Kind.NOT_FOUND);
      assertThat(rejected.error().code()).isEqualTo("http_404");
    }
  }

  @Nested
  class Authentication {
    @Test
    void sends_the_client_credentials_as_basic_auth_to_get_a_token() {
      tokenIssues("tok-1");
      provider.stubFor(
          get("/v1/payments/tx_1")
              .willReturn(json(200, "req_get", Fixtures.payment("tx_1", "started"))));

      gateway(attempts(1)).getPayment(new TransactionId("tx_1"));

      String basic =
          java.util.Base64.getEncoder()
              .encodeToString(
                  ("client-1:" + CLIENT_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      provider.verify(
          postRequestedFor(urlEqualTo("/oauth/token"))
              .withHeader("Authorization", equalTo("Basic " + basic))
              .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
              .withRequestBody(equalTo("grant_type=client_credentials")));
    }

    @Test
    void a_401_is_answered_with_one_new_token_and_one_repeat() {
      provider.stubFor(
          post("/oauth/token")
              .inScenario("tokens")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(okJsonBody(Fixtures.token("tok-1", 3600)))
              .willSetStateTo("second"));
      provider.stubFor(
          post("/oauth/token")
              .inScenario("tokens")
              .whenScenarioStateIs("second")
              .willReturn(okJsonBody(Fixtures.token("tok-2", 3600))));
      provider.stubFor(
          get("/v1/payments/tx_1")
              .withHeader("Authorization", equalTo("Bearer tok-1"))
              .willReturn(
                  json(401, "req_401", Fixtures.error("invalid_token", "expired", null, null))));
      provider.stubFor(
          get("/v1/payments/tx_1")
              .withHeader("Authorization", equalTo("Bearer tok-2"))
              .willReturn(json(200, "req_ok", Fixtures.payment("tx_1", "started"))));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(1)).getPayment(new TransactionId("tx_1"));

      assertThat(((ProviderResult.Success<ProviderPayment>) result).requestId())
          .isEqualTo("req_ok");
      provider.verify(exactly(2), postRequestedFor(urlEqualTo("/oauth/token")));
      provider.verify(exactly(2), getRequestedFor(urlEqualTo("/v1/payments/tx_1")));
      assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void a_second_401_is_an_authentication_rejection() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .willReturn(json(401, "req_401", Fixtures.error("invalid_token", "no", null, null))));

      ProviderResult.Rejected<?> rejected =
          rejected(gateway(attempts(4)).createPayment(paymentRequest(), KEY));

      assertThat(rejected.error().kind()).isEqualTo(ProviderError.Kind.AUTHENTICATION);
      assertThat(rejected.error().code()).isEqualTo("invalid_token");
      assertThat(rejected.requestId()).isEqualTo("req_401");
      provider.verify(exactly(2), postRequestedFor(urlEqualTo("/oauth/token")));
      provider.verify(exactly(2), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void refused_client_credentials_reject_without_calling_the_api() {
      provider.stubFor(
          post("/oauth/token")
              .willReturn(
                  json(
                      401,
                      "req_tok",
                      Fixtures.error("invalid_client", "unknown client", null, null))));

      ProviderResult.Rejected<?> rejected =
          rejected(gateway(attempts(4)).createPayment(paymentRequest(), KEY));

      assertThat(rejected.error().kind()).isEqualTo(ProviderError.Kind.AUTHENTICATION);
      assertThat(rejected.error().code()).isEqualTo("invalid_client");
      provider.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth/token")));
      provider.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void any_refusal_by_the_token_endpoint_is_an_authentication_rejection() {
      provider.stubFor(
          post("/oauth/token")
              .willReturn(
                  json(
                      400, "req_tok", Fixtures.error("unsupported_grant_type", "no", null, null))));

      ProviderResult.Rejected<?> rejected =
          rejected(gateway(attempts(4)).createPayment(paymentRequest(), KEY));

      assertThat(rejected.error().kind()).isEqualTo(ProviderError.Kind.AUTHENTICATION);
      assertThat(rejected.error().code()).isEqualTo("unsupported_grant_type");
      assertThat(rejected.requestId()).isEqualTo("req_tok");
    }

    @Test
    void a_token_endpoint_that_stays_down_makes_the_call_unavailable_not_unknown() {
      provider.stubFor(
          post("/oauth/token")
              .willReturn(json(503, "req_tok", Fixtures.error("unavailable", "down", null, null))));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
      provider.verify(exactly(3), postRequestedFor(urlEqualTo("/oauth/token")));
      provider.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/payments")));
    }
  }

  @Nested
  class Wire_faults {
    @Test
    void a_refused_connection_is_retried_and_then_unavailable_because_nothing_was_sent()
        throws Exception {
      URI closedPort;
      try (ServerSocket socket =
          new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
      }

      ProviderResult<ProviderPayment> result =
          gateway(closedPort, attempts(3), REQUEST_TIMEOUT).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
      assertThat(((ProviderResult.Unavailable<?>) result).detail()).contains("connection_failed");
      assertThat(sleeper.waits()).hasSize(2);
    }

    @Test
    void a_connection_reset_on_every_attempt_is_an_unknown_outcome() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unknown.class);
      assertThat(((ProviderResult.Unknown<?>) result).detail()).contains("connection_lost");
      assertThat(idempotencyKeysSent()).containsExactly(KEY.value(), KEY.value(), KEY.value());
    }

    @Test
    void a_connection_reset_then_an_answer_succeeds_with_the_same_key() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .inScenario("reset")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
              .willSetStateTo("up"));
      provider.stubFor(
          post("/v1/payments")
              .inScenario("reset")
              .whenScenarioStateIs("up")
              .willReturn(
                  json(201, "req_replay", Fixtures.payment("tx_1", "started"))
                      .withHeader("Idempotent-Replayed", "true")));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Success.class);
      assertThat(idempotencyKeysSent()).containsExactly(KEY.value(), KEY.value());
    }

    @Test
    void malformed_json_in_a_created_answer_is_an_unknown_outcome_and_not_retried() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments").willReturn(json(201, "req_bad", "{\"transactionId\": \"tx_1\", ")));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unknown.class);
      assertThat(((ProviderResult.Unknown<?>) result).detail())
          .contains("201")
          .contains("req_bad")
          .doesNotContain("tx_1");
      provider.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/payments")));
      assertThat(observer.events(PaykitEvent.ProviderFailure.class))
          .extracting(PaykitEvent.ProviderFailure::code)
          .containsExactly("unreadable_response");
    }

    @Test
    void a_created_answer_missing_a_field_is_unknown_and_names_the_field() {
      tokenIssues("tok-1");
      String withoutAmount =
          Fixtures.payment("tx_1", "started")
              .replace("\"amount\": {\"value\": 1050, \"currency\": \"EUR\"},", "");
      provider.stubFor(post("/v1/payments").willReturn(json(201, "req_bad", withoutAmount)));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(((ProviderResult.Unknown<?>) result).detail()).contains("amount");
    }

    @Test
    void a_body_that_stops_half_way_is_retried_and_then_an_unknown_outcome() {
      tokenIssues("tok-1");
      String payment = Fixtures.payment("tx_1", "started");
      // Announces the whole payment, sends half of it, and the connection ends.
      provider.stubFor(
          post("/v1/payments")
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Length", Integer.toString(payment.length()))
                      .withBody(payment.substring(0, payment.length() / 2))));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(2)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unknown.class);
      assertThat(((ProviderResult.Unknown<?>) result).detail()).contains("connection_lost");
      provider.verify(exactly(2), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void a_chunked_body_that_turns_to_garbage_is_retried_and_then_an_unknown_outcome() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(2)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unknown.class);
      provider.verify(exactly(2), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void a_body_slower_than_the_request_timeout_is_an_unknown_outcome() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .willReturn(
                  json(201, "req_slow", Fixtures.payment("tx_1", "started"))
                      .withChunkedDribbleDelay(20, SLOW_MILLIS)));

      ProviderResult<ProviderPayment> result =
          impatientGateway(attempts(2)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unknown.class);
      assertThat(((ProviderResult.Unknown<?>) result).detail()).contains("timeout");
      provider.verify(exactly(2), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void a_timeout_on_an_intermediate_attempt_is_retried_with_the_same_key() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .inScenario("slow")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(
                  json(201, "req_late", Fixtures.payment("tx_1", "started"))
                      .withFixedDelay(SLOW_MILLIS))
              .willSetStateTo("fast"));
      provider.stubFor(
          post("/v1/payments")
              .inScenario("slow")
              .whenScenarioStateIs("fast")
              .willReturn(
                  json(201, "req_replay", Fixtures.payment("tx_1", "started"))
                      .withHeader("Idempotent-Replayed", "true")));

      ProviderResult<ProviderPayment> result =
          impatientGateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(result)
          .isEqualTo(new ProviderResult.Success<>(success(result), "req_replay", true));
      assertThat(idempotencyKeysSent()).containsExactly(KEY.value(), KEY.value());
      // A bounded label, so that a metrics tag never grows a series per exception message.
      assertThat(observer.events(PaykitEvent.ProviderRetry.class))
          .extracting(PaykitEvent.ProviderRetry::cause)
          .containsExactly("timeout");
    }

    @Test
    void once_an_attempt_may_have_reached_the_provider_a_later_5xx_keeps_the_outcome_unknown() {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .inScenario("mixed")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
              .willSetStateTo("down"));
      provider.stubFor(
          post("/v1/payments")
              .inScenario("mixed")
              .whenScenarioStateIs("down")
              .willReturn(json(503, "req_503", Fixtures.error("unavailable", "busy", null, null))));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unknown.class);
      assertThat(((ProviderResult.Unknown<?>) result).detail()).contains("may have acted");
    }
  }

  /** Answers no honest provider sends, each of which must still end in a typed result. */
  @Nested
  class HostileAnswers {
    static Stream<Arguments> unreadableCreatedAnswers() {
      String payment = Fixtures.payment("tx_1", "started");
      String url = "https://provider.example/checkout/tx_1";
      return Stream.of(
          Arguments.of(
              "an IPv6 checkout URL the JDK cannot parse",
              payment.replace(url, "https://[::1.2.3.99999999999]/").getBytes(UTF_8),
              "checkoutUrl"),
          Arguments.of(
              "credentials in the checkout URL",
              payment.replace(url, "https://ops:pa55@provider.example/checkout").getBytes(UTF_8),
              "checkoutUrl"),
          Arguments.of(
              "checkout URL port 0",
              payment.replace(url, "https://provider.example:0/checkout").getBytes(UTF_8),
              "checkoutUrl"),
          Arguments.of(
              "a status the API does not define",
              Fixtures.payment("tx_1", "teleported").getBytes(UTF_8),
              "status: unknown_value"),
          Arguments.of(
              "a failure reason the API does not define",
              Fixtures.payment("tx_1", "cancelled", "{\"reason\": \"abducted\"}").getBytes(UTF_8),
              "failure.reason: unknown_value"),
          Arguments.of("UTF-16", payment.getBytes(StandardCharsets.UTF_16LE), "UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableCreatedAnswers")
    void a_created_answer_that_cannot_be_read_is_an_unknown_outcome_not_an_exception(
        String what, byte[] answer, String named) {
      tokenIssues("tok-1");
      provider.stubFor(
          post("/v1/payments")
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Request-Id", "req_odd")
                      .withBody(answer)));

      ProviderResult<ProviderPayment> result =
          gateway(attempts(3)).createPayment(paymentRequest(), KEY);

      assertThat(result).isInstanceOf(ProviderResult.Unknown.class);
      assertThat(((ProviderResult.Unknown<?>) result).detail())
          .contains(named)
          .contains("req_odd")
          .doesNotContain("pa55");
      provider.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/payments")));
    }

    @Test
    void a_refusal_whose_code_and_param_hold_line_breaks_is_logged_on_one_line() {
      ch.qos.logback.classic.Logger logger =
          (ch.qos.logback.classic.Logger)
              org.slf4j.LoggerFactory.getLogger(HttpProviderGateway.class);
      ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
          new ch.qos.logback.core.read.ListAppender<>();
      lines.start();
      logger.addAppender(lines);
      try {
        tokenIssues("tok-1");
        provider.stubFor(
            post("/v1/payments")
                .willReturn(
                    json(
                        400,
                        "req_forged",
                        Fixtures.error(
                            "bad\\nERROR dev.paykit forged line",
                            "x",
                            "amount\\r\\nWARN another",
                            null))));

        gateway(attempts(1)).createPayment(paymentRequest(), KEY);

        assertThat(lines.list).isNotEmpty();
        assertThat(lines.list)
            .allSatisfy(
                line ->
                    assertThat(line.getFormattedMessage())
                        .doesNotContain("\n")
                        .doesNotContain("\r"));
        assertThat(lines.list)
            .anySatisfy(
                line -> assertThat(line.getFormattedMessage()).contains("bad\\nERROR dev.paykit"));
      } finally {
        logger.detachAppender(lines);
      }
    }
  }

  @Test
  void requests_carry_no_secret_beyond_the_bearer_token() {
    tokenIssues("tok-1");
    provider.stubFor(
        post("/v1/payments")
            .willReturn(json(201, "req_create", Fixtures.payment("tx_1", "started"))));

    gateway(attempts(1)).createPayment(paymentRequest(), KEY);

    LoggedRequest create = provider.findAll(postRequestedFor(urlEqualTo("/v1/payments"))).get(0);
    assertThat(create.getBodyAsString()).doesNotContain(CLIENT_SECRET);
    assertThat(create.getHeaders().all().toString()).doesNotContain(CLIENT_SECRET);
  }
}
