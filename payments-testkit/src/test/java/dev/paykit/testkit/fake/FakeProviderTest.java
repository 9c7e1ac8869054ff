package dev.paykit.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.Concurrently.Attempt;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider.Fault;
import dev.paykit.testkit.fake.FakeProvider.Operation;
import dev.paykit.testkit.flows.FlowClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FakeProviderTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final IdempotencyKey KEY = IdempotencyKey.of("key-1");
  private static final PaymentRequest REQUEST = PaymentSamples.request("order-1");

  private final FlowClock clock = new FlowClock(NOW);
  private final FakeProvider fake = new FakeProvider(clock);
  private final ProviderGateway gateway = fake.gateway();

  @Test
  void a_timeout_after_acting_creates_the_payment_but_answers_unknown() {
    fake.failNext(Operation.CREATE_PAYMENT, Fault.timeoutAfterActing());

    assertThat(gateway.createPayment(REQUEST, KEY)).isInstanceOf(ProviderResult.Unknown.class);

    assertThat(fake.ledger().paymentsCreated(KEY)).isEqualTo(1);
    ProviderResult.Success<ProviderPayment> retry = success(gateway.createPayment(REQUEST, KEY));
    assertThat(retry.replayed()).isTrue();
    assertThat(retry.value()).isEqualTo(fake.payments().get(0));
  }

  @Test
  void a_timeout_before_acting_answers_unknown_and_creates_nothing() {
    fake.failNext(Operation.CREATE_PAYMENT, Fault.timeoutBeforeActing());

    assertThat(gateway.createPayment(REQUEST, KEY)).isInstanceOf(ProviderResult.Unknown.class);

    assertThat(fake.ledger().totalPaymentsCreated()).isZero();
    assertThat(success(gateway.createPayment(REQUEST, KEY)).replayed()).isFalse();
  }

  @Test
  void unavailable_answers_unavailable_and_creates_nothing() {
    fake.failNext(Operation.CREATE_PAYMENT, Fault.unavailable());

    assertThat(gateway.createPayment(REQUEST, KEY)).isInstanceOf(ProviderResult.Unavailable.class);

    assertThat(fake.ledger().totalPaymentsCreated()).isZero();
    assertThat(fake.payments()).isEmpty();
  }

  @Test
  void a_queued_rejection_is_answered_with_its_error_and_creates_nothing() {
    ProviderError invalid =
        new ProviderError(
            ProviderError.Kind.VALIDATION, "invalid_url", "bad URL", "successUrl", null);
    fake.failNext(Operation.CREATE_PAYMENT, Fault.reject(invalid));

    ProviderResult<ProviderPayment> result = gateway.createPayment(REQUEST, KEY);

    assertThat(result)
        .isInstanceOfSatisfying(
            ProviderResult.Rejected.class,
            rejected -> {
              assertThat(rejected.error()).isEqualTo(invalid);
              assertThat(rejected.requestId()).startsWith("req_");
            });
    assertThat(fake.ledger().totalPaymentsCreated()).isZero();
  }

  @Test
  void faults_are_used_once_each_in_the_order_they_were_queued() {
    fake.failNext(Operation.CREATE_PAYMENT, Fault.unavailable());
    fake.failNext(Operation.CREATE_PAYMENT, Fault.timeoutBeforeActing());

    assertThat(gateway.createPayment(REQUEST, KEY)).isInstanceOf(ProviderResult.Unavailable.class);
    assertThat(gateway.createPayment(REQUEST, KEY)).isInstanceOf(ProviderResult.Unknown.class);
    assertThat(gateway.createPayment(REQUEST, KEY)).isInstanceOf(ProviderResult.Success.class);
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void a_fault_hits_the_next_call_of_its_operation_only(Operation operation) {
    TransactionId tx = confirmed();
    String refundId = refundOf(tx, 100, "key-r1").refundId();
    fake.openDispute(tx, eur(100), DisputeReason.FRAUDULENT);
    DisputeId disputeId = fake.disputesOf(tx).get(0).disputeId();
    fake.failNext(operation, Fault.unavailable());

    for (Operation other : Operation.values()) {
      if (other != operation) {
        assertThat(call(other, tx, refundId, disputeId)).isInstanceOf(ProviderResult.Success.class);
      }
    }
    assertThat(call(operation, tx, refundId, disputeId))
        .isInstanceOf(ProviderResult.Unavailable.class);
    assertThat(call(operation, tx, refundId, disputeId)).isInstanceOf(ProviderResult.Success.class);
  }

  @Test
  void a_refund_timing_out_after_acting_is_created_and_counted() {
    TransactionId tx = confirmed();
    fake.failNext(Operation.CREATE_REFUND, Fault.timeoutAfterActing());
    IdempotencyKey refundKey = IdempotencyKey.of("key-r1");

    assertThat(gateway.createRefund(tx, eur(400), "requested_by_customer", refundKey))
        .isInstanceOf(ProviderResult.Unknown.class);

    assertThat(fake.ledger().refundsCreated(refundKey)).isEqualTo(1);
    assertThat(fake.ledger().refundedMinorUnits(tx)).isEqualTo(400);
  }

  @Test
  void the_ledger_counts_every_create_call_but_only_new_payments_as_created() {
    gateway.createPayment(REQUEST, KEY);
    gateway.createPayment(REQUEST, KEY);
    gateway.createPayment(PaymentSamples.request("order-1", eur(2_000)), KEY);
    IdempotencyKey unsent = IdempotencyKey.of("key-2");
    fake.failNext(Operation.CREATE_PAYMENT, Fault.unavailable());
    gateway.createPayment(PaymentSamples.request("order-2"), unsent);

    assertThat(fake.ledger().createCalls()).isEqualTo(4);
    assertThat(fake.ledger().paymentsCreated(KEY)).isEqualTo(1);
    assertThat(fake.ledger().paymentsCreated(unsent)).isZero();
    assertThat(fake.ledger().totalPaymentsCreated()).isEqualTo(1);
  }

  @Test
  void refunded_minor_units_count_pending_and_succeeded_refunds_but_not_failed_ones() {
    TransactionId tx = confirmed();
    ProviderRefund succeeded = refundOf(tx, 300, "key-r1");
    ProviderRefund failed = refundOf(tx, 200, "key-r2");
    refundOf(tx, 100, "key-r3");

    fake.settleRefund(succeeded.refundId(), RefundState.SUCCEEDED);
    fake.settleRefund(failed.refundId(), RefundState.FAILED);

    assertThat(fake.ledger().refundedMinorUnits(tx)).isEqualTo(400);
    assertThat(fake.ledger().refundsCreated(IdempotencyKey.of("key-r2"))).isEqualTo(1);
    assertThat(success(gateway.createRefund(tx, eur(650), null, IdempotencyKey.of("key-r4"))))
        .isNotNull();
  }

  @Test
  void a_move_changes_the_payment_and_sends_the_signed_webhook_that_describes_it() {
    TransactionId tx = created();
    clock.advance(Duration.ofSeconds(42));

    SignedWebhook webhook = fake.move(tx, ProviderStatus.IN_PROGRESS, null);

    ProviderPayment now = fake.payment(tx).orElseThrow();
    assertThat(now.status()).isEqualTo(ProviderStatus.IN_PROGRESS);
    assertThat(now.updatedAt()).isEqualTo(NOW.plusSeconds(42));
    assertThat(fake.sentWebhooks()).containsExactly(webhook);
    assertThat(fake.webhookVerifier(clock).verify(webhook.body(), webhook.headers()))
        .isEqualTo(
            WebhookVerification.Verified.withSignedId(webhook.eventId(), NOW.plusSeconds(42)));
    assertThat(fake.webhookParser().parse(webhook.body()))
        .isEqualTo(
            new WebhookEvent.PaymentStatusChanged(webhook.eventId(), NOW.plusSeconds(42), now));
  }

  @Test
  void every_move_sends_a_webhook_of_its_own_in_order() {
    TransactionId tx = created();

    SignedWebhook inProgress = fake.move(tx, ProviderStatus.IN_PROGRESS, null);
    SignedWebhook declined =
        fake.move(tx, ProviderStatus.DECLINED, Failure.declined(DeclineCode.INSUFFICIENT_FUNDS));

    assertThat(fake.sentWebhooks()).containsExactly(inProgress, declined);
    assertThat(inProgress.eventId()).isNotEqualTo(declined.eventId());
    assertThat(fake.payment(tx).orElseThrow().failure())
        .isEqualTo(Failure.declined(DeclineCode.INSUFFICIENT_FUNDS));
  }

  @Test
  void settling_a_refund_changes_it_and_sends_its_webhook() {
    TransactionId tx = confirmed();
    ProviderRefund pending = refundOf(tx, 500, "key-r1");

    SignedWebhook webhook = fake.settleRefund(pending.refundId(), RefundState.SUCCEEDED);

    ProviderRefund settled = fake.refund(pending.refundId()).orElseThrow();
    assertThat(settled.status()).isEqualTo(RefundState.SUCCEEDED);
    assertThat(fake.webhookParser().parse(webhook.body()))
        .isEqualTo(new WebhookEvent.RefundStatusChanged(webhook.eventId(), NOW, settled));
  }

  @Test
  void moving_an_unknown_payment_or_refund_is_refused() {
    assertThatThrownBy(
            () -> fake.move(new TransactionId("tx_unknown"), ProviderStatus.CONFIRMED, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fake.settleRefund("rf_unknown", RefundState.SUCCEEDED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.sentWebhooks()).isEmpty();
  }

  @Test
  void a_failure_comes_only_with_declined_or_cancelled() {
    TransactionId tx = created();

    assertThatThrownBy(
            () ->
                fake.move(tx, ProviderStatus.CONFIRMED, Failure.declined(DeclineCode.EXPIRED_CARD)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.payment(tx).orElseThrow().status()).isEqualTo(ProviderStatus.STARTED);
  }

  @Test
  void a_decline_is_declined_never_a_cancellation_with_a_decline_reason() {
    TransactionId tx = created();

    assertThatThrownBy(
            () ->
                fake.move(tx, ProviderStatus.CANCELLED, Failure.declined(DeclineCode.EXPIRED_CARD)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DECLINED");
    fake.move(tx, ProviderStatus.DECLINED, null);
    assertThat(fake.payment(tx).orElseThrow().failure())
        .isEqualTo(Failure.of(FailureReason.DECLINED));
  }

  @Test
  void a_replay_answers_the_first_response_even_after_the_payment_moved() {
    ProviderPayment first = success(gateway.createPayment(REQUEST, KEY)).value();
    fake.move(first.transactionId(), ProviderStatus.CONFIRMED, null);

    assertThat(success(gateway.createPayment(REQUEST, KEY)).value()).isEqualTo(first);
  }

  @Test
  void payments_are_listed_in_creation_order_as_they_are_now() {
    TransactionId first = created();
    TransactionId second =
        success(gateway.createPayment(PaymentSamples.request("order-2"), IdempotencyKey.of("k2")))
            .value()
            .transactionId();
    fake.move(first, ProviderStatus.EXPIRED, null);

    assertThat(fake.payments())
        .extracting(ProviderPayment::transactionId, ProviderPayment::status)
        .containsExactly(
            tuple(first, ProviderStatus.EXPIRED), tuple(second, ProviderStatus.STARTED));
  }

  @Test
  void of_16_concurrent_creates_with_one_key_exactly_one_creates_a_payment() {
    List<Attempt<ProviderResult<ProviderPayment>>> attempts =
        Concurrently.run(16, i -> () -> gateway.createPayment(REQUEST, KEY));

    List<ProviderResult.Success<ProviderPayment>> answers =
        attempts.stream().map(attempt -> success(attempt.value())).toList();
    assertThat(answers).filteredOn(answer -> !answer.replayed()).hasSize(1);
    assertThat(answers)
        .extracting(answer -> answer.value().transactionId())
        .containsOnly(fake.payments().get(0).transactionId());
    assertThat(fake.ledger().paymentsCreated(KEY)).isEqualTo(1);
    assertThat(fake.ledger().createCalls()).isEqualTo(16);
  }

  private TransactionId created() {
    return success(gateway.createPayment(REQUEST, KEY)).value().transactionId();
  }

  private TransactionId confirmed() {
    TransactionId tx = created();
    fake.move(tx, ProviderStatus.CONFIRMED, null);
    return tx;
  }

  private ProviderRefund refundOf(TransactionId tx, long minorUnits, String key) {
    return success(
            gateway.createRefund(
                tx, eur(minorUnits), "requested_by_customer", IdempotencyKey.of(key)))
        .value();
  }

  private ProviderResult<?> call(
      Operation operation, TransactionId tx, String refundId, DisputeId disputeId) {
    return switch (operation) {
      case CREATE_PAYMENT -> gateway.createPayment(REQUEST, KEY);
      case GET_PAYMENT -> gateway.getPayment(tx);
      case FIND_PAYMENTS -> gateway.findPayments(REQUEST.externalId(), null, 10);
      case CREATE_REFUND ->
          gateway.createRefund(tx, eur(100), "requested_by_customer", IdempotencyKey.of("key-r1"));
      case GET_REFUND -> gateway.getRefund(refundId);
      case GET_DISPUTE -> gateway.getDispute(disputeId);
      case SUBMIT_EVIDENCE ->
          gateway.submitEvidence(
              disputeId, new Evidence("Delivered.", List.of()), IdempotencyKey.of("key-e1"));
    };
  }

  private static Money eur(long minorUnits) {
    return Money.of(minorUnits, "EUR");
  }

  private static <T> ProviderResult.Success<T> success(ProviderResult<T> result) {
    assertThat(result).isInstanceOf(ProviderResult.Success.class);
    ProviderResult.Success<T> success = (ProviderResult.Success<T>) result;
    assertThat(success.requestId()).startsWith("req_");
    return success;
  }
}
