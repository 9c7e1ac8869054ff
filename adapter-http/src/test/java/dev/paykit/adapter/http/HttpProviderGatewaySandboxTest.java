package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.dispute.EvidenceDocument;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Charging;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.PaymentMethodId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.SavedPaymentMethod;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.sandbox.Fault;
import dev.paykit.sandbox.MutableClock;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.SimulatedOutcome;
import dev.paykit.transport.RecordingObserver;
import dev.paykit.transport.RecordingSleeper;
import dev.paykit.transport.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The gateway against the sandbox provider, a real HTTP server speaking the reference API: every
 * flow, and every fault the sandbox can inject, each checked against what the sandbox's ledger says
 * was charged or refunded.
 */
class HttpProviderGatewaySandboxTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

  private static SandboxProvider sandbox;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final MutableClock clock = MutableClock.at(Instant.now());
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final RecordingObserver observer = new RecordingObserver();

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxProvider.start();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().clear();
  }

  private HttpProviderGateway gateway() {
    return gateway(3, TIMEOUT);
  }

  private HttpProviderGateway gateway(int maxAttempts, Duration requestTimeout) {
    return new HttpProviderGateway(
        SandboxGateways.settings(sandbox, maxAttempts, requestTimeout),
        observer,
        clock,
        new Random(7),
        sleeper);
  }

  private IdempotencyKey key(String name) {
    return IdempotencyKey.of("sbx-" + run + "-" + name);
  }

  private PaymentRequest request(String name) {
    return SandboxGateways.request("order-" + run + "-" + name, 1050);
  }

  private static int charged(IdempotencyKey key) {
    return sandbox.ledger().paymentsFor(key.value());
  }

  private static int refunded(IdempotencyKey key) {
    return sandbox.ledger().refundsFor(key.value());
  }

  private static <T> ProviderResult.Success<T> success(ProviderResult<T> result) {
    assertThat(result).isInstanceOf(ProviderResult.Success.class);
    ProviderResult.Success<T> success = (ProviderResult.Success<T>) result;
    assertThat(success.requestId()).startsWith("req_");
    return success;
  }

  private static ProviderResult.Rejected<?> rejected(ProviderResult<?> result) {
    assertThat(result).isInstanceOf(ProviderResult.Rejected.class);
    ProviderResult.Rejected<?> rejected = (ProviderResult.Rejected<?>) result;
    assertThat(rejected.requestId()).startsWith("req_");
    return rejected;
  }

  private TransactionId confirmedPayment(String name) {
    TransactionId tx =
        success(gateway().createPayment(request(name), key(name))).value().transactionId();
    sandbox.simulate(tx.value(), SimulatedOutcome.CONFIRMED);
    return tx;
  }

  @Nested
  class SavedMethodsAndOffSessionPayments {
    private final CustomerId customer = new CustomerId("cust-" + run);

    private PaymentMethodId savedMethod() {
      PaymentRequest saving =
          request("save").chargedBy(new Charging.CheckoutSavingMethod(customer));
      ProviderPayment started = success(gateway().createPayment(saving, key("save"))).value();
      assertThat(started.savedMethod()).isEmpty();
      sandbox.simulate(started.transactionId().value(), SimulatedOutcome.CONFIRMED);
      ProviderPayment paid = success(gateway().getPayment(started.transactionId())).value();
      SavedPaymentMethod method = paid.savedMethod().orElseThrow();
      assertThat(method.last4()).isEqualTo("4242");
      return method.id();
    }

    private PaymentRequest renewal(long amount, PaymentMethodId method) {
      return SandboxGateways.request("renewal-" + run, amount)
          .chargedBy(new Charging.OffSession(customer, method));
    }

    @Test
    void a_checkout_that_saves_the_method_answers_its_id_once_confirmed() {
      assertThat(savedMethod().value()).startsWith("pm_");
    }

    @Test
    void an_off_session_charge_is_confirmed_at_once_and_its_retry_charges_nothing_more() {
      PaymentMethodId method = savedMethod();
      IdempotencyKey key = key("renewal");

      ProviderPayment paid = success(gateway().createPayment(renewal(990, method), key)).value();
      ProviderPayment again = success(gateway().createPayment(renewal(990, method), key)).value();

      assertThat(paid.status()).isEqualTo(ProviderStatus.CONFIRMED);
      assertThat(paid.checkoutUrl()).isNull();
      assertThat(again.transactionId()).isEqualTo(paid.transactionId());
      assertThat(charged(key)).isEqualTo(1);
    }

    @Test
    void authentication_required_comes_back_as_a_decline_with_that_code() {
      PaymentMethodId method = savedMethod();
      ProviderPayment declined =
          success(gateway().createPayment(renewal(954, method), key("sca"))).value();

      assertThat(declined.status()).isEqualTo(ProviderStatus.DECLINED);
      assertThat(declined.failureInfo().orElseThrow().reason()).isEqualTo(FailureReason.DECLINED);
      assertThat(declined.failureInfo().orElseThrow().decline())
          .contains(DeclineCode.AUTHENTICATION_REQUIRED);
    }

    @Test
    void a_method_the_customer_removed_is_declined_as_removed() {
      PaymentMethodId method = savedMethod();
      sandbox.removePaymentMethod(method.value());
      ProviderPayment declined =
          success(gateway().createPayment(renewal(990, method), key("removed"))).value();

      assertThat(declined.failureInfo().orElseThrow().decline())
          .contains(DeclineCode.PAYMENT_METHOD_REMOVED);
    }
  }

  @Nested
  class Flows {
    @Test
    void creating_charges_once_and_answers_a_started_payment() {
      ProviderResult.Success<ProviderPayment> created =
          success(gateway().createPayment(request("create"), key("create")));

      assertThat(created.replayed()).isFalse();
      assertThat(created.value().status()).isEqualTo(ProviderStatus.STARTED);
      assertThat(created.value().amount()).isEqualTo(Money.of(1050, "EUR"));
      assertThat(created.value().checkoutUrl()).isNotNull();
      assertThat(charged(key("create"))).isEqualTo(1);
    }

    @Test
    void the_same_key_again_replays_the_payment_and_charges_nothing_more() {
      HttpProviderGateway gateway = gateway();
      ProviderPayment first =
          success(gateway.createPayment(request("again"), key("again"))).value();

      ProviderResult.Success<ProviderPayment> again =
          success(gateway.createPayment(request("again"), key("again")));

      assertThat(again.replayed()).isTrue();
      assertThat(again.value().transactionId()).isEqualTo(first.transactionId());
      assertThat(charged(key("again"))).isEqualTo(1);
    }

    @Test
    void the_same_key_with_another_amount_is_key_reuse_and_charges_nothing_more() {
      HttpProviderGateway gateway = gateway();
      gateway.createPayment(request("reuse"), key("reuse"));

      ProviderResult.Rejected<?> reuse =
          rejected(
              gateway.createPayment(
                  SandboxGateways.request("order-" + run + "-reuse", 2000), key("reuse")));

      assertThat(reuse.error().kind()).isEqualTo(ProviderError.Kind.IDEMPOTENCY_KEY_REUSE);
      assertThat(charged(key("reuse"))).isEqualTo(1);
    }

    @Test
    void a_declined_payment_reads_back_declined_with_its_decline_code() {
      HttpProviderGateway gateway = gateway();
      TransactionId tx =
          success(gateway.createPayment(request("declined"), key("declined")))
              .value()
              .transactionId();
      sandbox.simulate(tx.value(), SimulatedOutcome.DECLINED, "invalid_cvv");

      ProviderPayment payment = success(gateway.getPayment(tx)).value();

      assertThat(payment.status()).isEqualTo(ProviderStatus.DECLINED);
      assertThat(payment.failure().reason()).isEqualTo(FailureReason.DECLINED);
      assertThat(payment.failure().declineCode()).isEqualTo(DeclineCode.INVALID_CVV);
    }

    @Test
    void a_confirmed_payment_reads_back_confirmed() {
      TransactionId tx = confirmedPayment("confirmed");

      assertThat(success(gateway().getPayment(tx)).value().status())
          .isEqualTo(ProviderStatus.CONFIRMED);
      assertThat(sandbox.ledger().totals("EUR").confirmed()).isGreaterThanOrEqualTo(1050);
    }

    @Test
    void an_orders_payments_are_found_newest_first_page_by_page() {
      HttpProviderGateway gateway = gateway();
      ExternalId order = new ExternalId("order-" + run + "-listed");
      List<TransactionId> created = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        created.add(
            success(
                    gateway.createPayment(
                        SandboxGateways.request(order.value(), 1050), key("listed-" + i)))
                .value()
                .transactionId());
      }

      ProviderPaymentPage first = success(gateway.findPayments(order, null, 2)).value();
      ProviderPaymentPage second =
          success(gateway.findPayments(order, first.nextCursor(), 2)).value();

      assertThat(first.data())
          .extracting(ProviderPayment::transactionId)
          .containsExactly(created.get(2), created.get(1));
      assertThat(second.data())
          .extracting(ProviderPayment::transactionId)
          .containsExactly(created.get(0));
      assertThat(second.next()).isEmpty();
    }

    @Test
    void a_refund_is_created_once_and_reads_back() {
      TransactionId tx = confirmedPayment("refunded");
      HttpProviderGateway gateway = gateway();

      ProviderRefund refund =
          success(
                  gateway.createRefund(
                      tx, Money.of(500, "EUR"), "requested_by_customer", key("refund")))
              .value();
      ProviderRefund again = success(gateway.getRefund(refund.refundId())).value();

      assertThat(refund.transactionId()).isEqualTo(tx);
      assertThat(again.refundId()).isEqualTo(refund.refundId());
      assertThat(again.amount()).isEqualTo(Money.of(500, "EUR"));
      assertThat(refunded(key("refund"))).isEqualTo(1);
    }

    @Test
    void a_dispute_reads_back_and_evidence_is_taken_once_per_key() {
      TransactionId tx = confirmedPayment("disputed");
      String id = sandbox.openDispute(tx.value(), "product_not_received", null).disputeId();
      Evidence evidence =
          new Evidence(
              "Delivered.",
              List.of(
                  new EvidenceDocument(
                      "documents[0]", "receipt.pdf", "signed".getBytes(StandardCharsets.UTF_8))));

      ProviderDispute read = success(gateway().getDispute(new DisputeId(id))).value();
      ProviderResult.Success<ProviderDispute> sent =
          success(gateway().submitEvidence(new DisputeId(id), evidence, key("evidence")));
      ProviderResult.Success<ProviderDispute> again =
          success(gateway().submitEvidence(new DisputeId(id), evidence, key("evidence")));

      assertThat(read.status()).isEqualTo(DisputeState.NEEDS_RESPONSE);
      assertThat(read.transactionId()).isEqualTo(tx);
      assertThat(read.amount()).isEqualTo(Money.of(1050, "EUR"));
      assertThat(read.reason()).isEqualTo(DisputeReason.PRODUCT_NOT_RECEIVED);
      assertThat(sent.value().status()).isEqualTo(DisputeState.UNDER_REVIEW);
      assertThat(again.replayed()).isTrue();
      assertThat(
              rejected(gateway().createRefund(tx, Money.of(1, "EUR"), null, key("refund-disputed")))
                  .error()
                  .kind())
          .isEqualTo(ProviderError.Kind.REFUND_EXCEEDS_PAYMENT);
    }

    @Test
    void a_refund_beyond_the_payment_is_refused_and_refunds_nothing() {
      TransactionId tx = confirmedPayment("exceeds");

      ProviderResult.Rejected<?> refused =
          rejected(gateway().createRefund(tx, Money.of(1051, "EUR"), null, key("too-much")));

      assertThat(refused.error().kind()).isEqualTo(ProviderError.Kind.REFUND_EXCEEDS_PAYMENT);
      assertThat(refused.error().param()).isEqualTo("amount.value");
      assertThat(refunded(key("too-much"))).isZero();
    }

    @Test
    void a_refund_of_an_unpaid_payment_is_not_refundable() {
      HttpProviderGateway gateway = gateway();
      TransactionId tx =
          success(gateway.createPayment(request("unpaid"), key("unpaid"))).value().transactionId();

      ProviderResult.Rejected<?> refused =
          rejected(gateway.createRefund(tx, Money.of(100, "EUR"), null, key("unpaid-refund")));

      assertThat(refused.error().kind()).isEqualTo(ProviderError.Kind.NOT_REFUNDABLE);
      assertThat(refunded(key("unpaid-refund"))).isZero();
    }

    @Test
    void a_refund_in_another_currency_is_a_validation_error_naming_the_field() {
      TransactionId tx = confirmedPayment("currency");

      ProviderResult.Rejected<?> refused =
          rejected(gateway().createRefund(tx, Money.of(100, "USD"), null, key("usd-refund")));

      assertThat(refused.error().kind()).isEqualTo(ProviderError.Kind.VALIDATION);
      assertThat(refused.error().code()).isEqualTo("invalid_currency");
      assertThat(refused.error().field()).contains("amount.currency");
      assertThat(refunded(key("usd-refund"))).isZero();
    }

    @Test
    void a_zero_amount_is_a_validation_error_naming_the_field_and_charges_nothing() {
      ProviderResult.Rejected<?> refused =
          rejected(
              gateway()
                  .createPayment(
                      SandboxGateways.request("order-" + run + "-zero", 0), key("zero")));

      assertThat(refused.error().kind()).isEqualTo(ProviderError.Kind.VALIDATION);
      assertThat(refused.error().code()).isEqualTo("invalid_amount");
      assertThat(refused.error().param()).isEqualTo("amount.value");
      assertThat(charged(key("zero"))).isZero();
    }

    @Test
    void a_page_larger_than_allowed_is_a_validation_error_naming_the_limit() {
      ProviderResult.Rejected<?> refused =
          rejected(gateway().findPayments(new ExternalId("order-" + run), null, 500));

      assertThat(refused.error().kind()).isEqualTo(ProviderError.Kind.VALIDATION);
      assertThat(refused.error().param()).isEqualTo("limit");
    }

    @Test
    void unknown_payments_and_refunds_are_not_found() {
      HttpProviderGateway gateway = gateway();

      assertThat(rejected(gateway.getPayment(new TransactionId("tx_nope_" + run))).error().kind())
          .isEqualTo(ProviderError.Kind.NOT_FOUND);
      assertThat(rejected(gateway.getRefund("rf_nope_" + run)).error().kind())
          .isEqualTo(ProviderError.Kind.NOT_FOUND);
    }
  }

  @Nested
  class Faults {
    @Test
    void server_errors_before_acting_are_retried_with_the_same_key_and_charge_once() {
      sandbox.faults().inject(Fault.error("POST /v1/payments", 503).times(2));

      ProviderResult.Success<ProviderPayment> created =
          success(gateway().createPayment(request("flaky"), key("flaky")));

      assertThat(created.replayed()).isFalse();
      assertThat(sleeper.waits()).hasSize(2);
      assertThat(observer.events(PaykitEvent.ProviderRetry.class)).hasSize(2);
      assertThat(charged(key("flaky"))).isEqualTo(1);
    }

    @Test
    void a_server_error_after_acting_is_retried_and_answered_by_the_replay() {
      sandbox.faults().inject(Fault.error("POST /v1/payments", 500).afterAction());

      ProviderResult.Success<ProviderPayment> created =
          success(gateway().createPayment(request("acted"), key("acted")));

      assertThat(created.replayed()).isTrue();
      assertThat(charged(key("acted"))).isEqualTo(1);
    }

    @Test
    void server_errors_through_every_attempt_are_unavailable_and_charge_nothing() {
      for (int status : new int[] {500, 502, 503, 504}) {
        sandbox.faults().inject(Fault.error("POST /v1/payments", status).times(3));
        IdempotencyKey key = key("down-" + status);

        ProviderResult<ProviderPayment> result = gateway().createPayment(request("down"), key);

        assertThat(result).as("status %d", status).isInstanceOf(ProviderResult.Unavailable.class);
        assertThat(((ProviderResult.Unavailable<?>) result).detail()).contains("" + status);
        assertThat(charged(key)).isZero();
      }
    }

    @Test
    void rate_limiting_waits_as_long_as_retry_after_says_and_charges_once() {
      sandbox.faults().inject(Fault.rateLimited("POST /v1/payments", 2));

      success(gateway().createPayment(request("limited"), key("limited")));

      assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
      assertThat(charged(key("limited"))).isEqualTo(1);
    }

    @Test
    void rate_limiting_on_every_attempt_is_unavailable() {
      sandbox.faults().inject(Fault.rateLimited("GET /v1/payments/{transactionId}", 1).times(3));

      ProviderResult<ProviderPayment> result =
          gateway().getPayment(new TransactionId("tx_limited_" + run));

      assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
      assertThat(((ProviderResult.Unavailable<?>) result).detail()).contains("429 rate_limited");
    }

    @Test
    void a_dropped_create_response_is_retried_and_the_replay_shows_one_charge() {
      sandbox.faults().inject(Fault.dropResponse("POST /v1/payments").closeImmediately());

      ProviderResult.Success<ProviderPayment> created =
          success(gateway().createPayment(request("dropped"), key("dropped")));

      assertThat(created.replayed()).isTrue();
      assertThat(charged(key("dropped"))).isEqualTo(1);
    }

    @Test
    void a_response_dropped_on_every_attempt_is_unknown_and_the_key_later_finds_the_one_charge() {
      sandbox.faults().inject(Fault.dropResponse("POST /v1/payments").closeImmediately().times(3));

      ProviderResult<ProviderPayment> lost = gateway().createPayment(request("lost"), key("lost"));

      assertThat(lost).isInstanceOf(ProviderResult.Unknown.class);
      assertThat(charged(key("lost"))).isEqualTo(1);
      ProviderResult.Success<ProviderPayment> later =
          success(gateway().createPayment(request("lost"), key("lost")));
      assertThat(later.replayed()).isTrue();
      assertThat(charged(key("lost"))).isEqualTo(1);
    }

    @Test
    void a_response_held_past_the_request_timeout_is_unknown_but_was_charged() {
      sandbox
          .faults()
          .inject(Fault.dropResponse("POST /v1/payments").holdFor(SHORT_TIMEOUT.multipliedBy(3)));

      ProviderResult<ProviderPayment> result =
          gateway(1, SHORT_TIMEOUT).createPayment(request("held"), key("held"));

      assertThat(result).isInstanceOf(ProviderResult.Unknown.class);
      assertThat(((ProviderResult.Unknown<?>) result).detail()).contains("timeout");
      assertThat(charged(key("held"))).isEqualTo(1);
    }

    @Test
    void a_retry_while_the_provider_still_works_on_the_key_is_told_the_key_is_in_use() {
      sandbox.faults().inject(Fault.latency("POST /v1/payments", SHORT_TIMEOUT.multipliedBy(3)));

      ProviderResult.Rejected<?> inUse =
          rejected(gateway(2, SHORT_TIMEOUT).createPayment(request("busy"), key("busy")));

      assertThat(inUse.error().kind()).isEqualTo(ProviderError.Kind.IDEMPOTENCY_KEY_IN_USE);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !sandbox.idempotencyKeysInFlight().contains(key("busy").value()));
      assertThat(charged(key("busy"))).isEqualTo(1);
      assertThat(success(gateway().createPayment(request("busy"), key("busy"))).replayed())
          .isTrue();
    }

    @Test
    void many_threads_sending_the_same_key_at_once_charge_once() throws Exception {
      HttpProviderGateway gateway = gateway();
      int threads = 8;
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<ProviderResult<ProviderPayment>> results = new ArrayList<>();
      try {
        List<Future<ProviderResult<ProviderPayment>>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    return gateway.createPayment(request("race"), key("race"));
                  }));
        }
        for (Future<ProviderResult<ProviderPayment>> future : futures) {
          results.add(future.get(30, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(charged(key("race"))).isEqualTo(1);
      List<TransactionId> answered = new ArrayList<>();
      for (ProviderResult<ProviderPayment> result : results) {
        if (result instanceof ProviderResult.Success<ProviderPayment> s) {
          answered.add(s.value().transactionId());
        } else {
          assertThat(rejected(result).error().kind())
              .isEqualTo(ProviderError.Kind.IDEMPOTENCY_KEY_IN_USE);
        }
      }
      assertThat(answered).isNotEmpty();
      assertThat(answered).containsOnly(answered.get(0));
    }

    @Test
    void a_dropped_refund_response_is_retried_and_refunds_once() {
      TransactionId tx = confirmedPayment("refund-drop");
      sandbox
          .faults()
          .inject(
              Fault.dropResponse("POST /v1/payments/{transactionId}/refunds").closeImmediately());

      ProviderResult.Success<ProviderRefund> refund =
          success(gateway().createRefund(tx, Money.of(300, "EUR"), null, key("refund-drop-r")));

      assertThat(refund.replayed()).isTrue();
      assertThat(refunded(key("refund-drop-r"))).isEqualTo(1);
    }

    @Test
    void a_server_error_on_a_refund_is_retried_and_refunds_once() {
      TransactionId tx = confirmedPayment("refund-503");
      sandbox
          .faults()
          .inject(Fault.error("POST /v1/payments/{transactionId}/refunds", 503).afterAction());

      success(gateway().createRefund(tx, Money.of(300, "EUR"), null, key("refund-503-r")));

      assertThat(refunded(key("refund-503-r"))).isEqualTo(1);
    }

    @Test
    void expired_tokens_get_one_reauthentication_and_the_call_goes_through() {
      HttpProviderGateway gateway = gateway();
      success(gateway.createPayment(request("before"), key("before")));
      sandbox.faults().inject(Fault.expireTokens());

      success(gateway.createPayment(request("after"), key("after")));

      assertThat(observer.events(PaykitEvent.TokenRefreshed.class)).hasSize(2);
      assertThat(sleeper.waits()).isEmpty();
      assertThat(charged(key("after"))).isEqualTo(1);
    }

    @Test
    void a_wrong_client_secret_is_an_authentication_rejection_and_charges_nothing() {
      ProviderHttpSettings wrong =
          new ProviderHttpSettings(
              sandbox.baseUri(),
              sandbox.clientId(),
              Secret.of("not-the-secret"),
              List.of(),
              TIMEOUT,
              TIMEOUT,
              RetryPolicy.defaults());
      HttpProviderGateway gateway =
          new HttpProviderGateway(wrong, observer, clock, new Random(7), sleeper);

      ProviderResult<ProviderPayment> result =
          gateway.createPayment(request("wrong"), key("wrong"));

      assertThat(rejected(result).error().kind()).isEqualTo(ProviderError.Kind.AUTHENTICATION);
      assertThat(rejected(result).error().code()).isEqualTo("invalid_client");
      assertThat(sleeper.waits()).isEmpty();
      assertThat(charged(key("wrong"))).isZero();
    }

    @Test
    void a_token_endpoint_error_is_retried() {
      sandbox.faults().inject(Fault.error("POST /oauth/token", 503));

      success(gateway().createPayment(request("token-503"), key("token-503")));

      assertThat(sleeper.waits()).hasSize(1);
      assertThat(charged(key("token-503"))).isEqualTo(1);
    }

    @Test
    void latency_within_the_request_timeout_is_just_a_slower_answer() {
      sandbox.faults().inject(Fault.latency("POST /v1/payments", Duration.ofMillis(300)));

      ProviderResult.Success<ProviderPayment> created =
          success(gateway(1, SHORT_TIMEOUT).createPayment(request("slowish"), key("slowish")));

      assertThat(created.replayed()).isFalse();
      assertThat(charged(key("slowish"))).isEqualTo(1);
    }
  }
}
