package dev.paykit.domain.payment;

import static dev.paykit.domain.payment.PaymentFixtures.AMOUNT;
import static dev.paykit.domain.payment.PaymentFixtures.CHECKOUT;
import static dev.paykit.domain.payment.PaymentFixtures.KEY;
import static dev.paykit.domain.payment.PaymentFixtures.ORDER;
import static dev.paykit.domain.payment.PaymentFixtures.PAYMENT_ID;
import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static dev.paykit.domain.payment.PaymentFixtures.TX;
import static dev.paykit.domain.payment.PaymentFixtures.at;
import static dev.paykit.domain.payment.PaymentFixtures.lookup;
import static dev.paykit.domain.payment.PaymentFixtures.newPayment;
import static dev.paykit.domain.payment.PaymentFixtures.paymentIn;
import static dev.paykit.domain.payment.PaymentFixtures.request;
import static dev.paykit.domain.payment.PaymentFixtures.said;
import static dev.paykit.domain.payment.PaymentFixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.money.Money;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentTest {

  @Nested
  class Creation {

    @Test
    void starts_in_created_at_version_zero_with_one_history_entry() {
      Payment payment = newPayment();

      assertThat(payment.id()).isEqualTo(PAYMENT_ID);
      assertThat(payment.idempotencyKey()).isEqualTo(KEY);
      assertThat(payment.request()).isEqualTo(request());
      assertThat(payment.externalId()).isEqualTo(ORDER);
      assertThat(payment.state()).isEqualTo(PaymentState.CREATED);
      assertThat(payment.version()).isZero();
      assertThat(payment.createdAt()).isEqualTo(T0);
      assertThat(payment.updatedAt()).isEqualTo(T0);
      assertThat(payment.failureInfo()).isEmpty();
      assertThat(payment.providerTransactionId()).isEmpty();
      assertThat(payment.checkout()).isEmpty();
      assertThat(payment.history())
          .containsExactly(
              new HistoryEntry(
                  0,
                  null,
                  PaymentState.CREATED,
                  Outcome.APPLIED,
                  TransitionSource.LOCAL,
                  T0,
                  null,
                  null,
                  null));
    }

    @Test
    void requires_its_identity_request_state_and_times() {
      Payment p = newPayment();
      assertThatNullPointerException()
          .isThrownBy(() -> Payment.create(null, KEY, request(), T0))
          .withMessage("id");
      assertThatNullPointerException()
          .isThrownBy(() -> Payment.create(PAYMENT_ID, null, request(), T0))
          .withMessage("idempotencyKey");
      assertThatNullPointerException()
          .isThrownBy(() -> Payment.create(PAYMENT_ID, KEY, null, T0))
          .withMessage("request");
      assertThatNullPointerException()
          .isThrownBy(() -> Payment.create(PAYMENT_ID, KEY, request(), null));
      assertThatNullPointerException()
          .isThrownBy(
              () ->
                  new Payment(
                      p.id(),
                      p.idempotencyKey(),
                      p.request(),
                      null,
                      null,
                      null,
                      null,
                      T0,
                      T0,
                      0,
                      p.history()))
          .withMessage("state");
      assertThatNullPointerException()
          .isThrownBy(
              () ->
                  new Payment(
                      p.id(),
                      p.idempotencyKey(),
                      p.request(),
                      PaymentState.CREATED,
                      null,
                      null,
                      null,
                      T0,
                      null,
                      0,
                      p.history()))
          .withMessage("updatedAt");
    }

    @Test
    void its_history_cannot_be_changed_from_outside() {
      Payment payment = newPayment();

      assertThatThrownBy(() -> payment.history().add(payment.history().get(0)))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class ApplyingProviderReports {

    @Test
    void applies_a_forward_move_and_learns_the_transaction_and_checkout() {
      TransitionResult result = newPayment().apply(webhook(ProviderStatus.STARTED, "evt_1"), at(5));

      assertThat(result).isInstanceOf(TransitionResult.Applied.class);
      assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
      Payment payment = result.payment();
      assertThat(payment.state()).isEqualTo(PaymentState.STARTED);
      assertThat(payment.version()).isEqualTo(1);
      assertThat(payment.updatedAt()).isEqualTo(at(5));
      assertThat(payment.createdAt()).isEqualTo(T0);
      assertThat(payment.providerTransactionId()).contains(TX);
      assertThat(payment.checkout()).contains(CHECKOUT);
      assertThat(payment.history()).hasSize(2).endsWith(result.entry());
    }

    @Test
    void records_who_said_it_when_and_the_provider_event_id() {
      HistoryEntry entry =
          newPayment().apply(webhook(ProviderStatus.IN_PROGRESS, "evt_42"), at(7)).entry();

      assertThat(entry.sequence()).isEqualTo(1);
      assertThat(entry.from()).isEqualTo(PaymentState.CREATED);
      assertThat(entry.reported()).isEqualTo(PaymentState.IN_PROGRESS);
      assertThat(entry.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(entry.source()).isEqualTo(TransitionSource.WEBHOOK);
      assertThat(entry.at()).isEqualTo(at(7));
      assertThat(entry.providerEventId()).contains("evt_42");
      assertThat(entry.providerRequestId()).isEmpty();
      assertThat(entry.detail()).isNull();
    }

    @Test
    void records_the_request_id_of_a_look_up() {
      HistoryEntry entry = newPayment().apply(lookup(ProviderStatus.STARTED), at(1)).entry();

      assertThat(entry.source()).isEqualTo(TransitionSource.LOOKUP);
      assertThat(entry.providerRequestId()).contains("req_1");
      assertThat(entry.providerEventId()).isEmpty();
    }

    @Test
    void records_a_create_response_as_such() {
      HistoryEntry entry =
          newPayment()
              .apply(
                  ProviderReport.fromCreateResponse(said(ProviderStatus.STARTED), "req_9"), at(1))
              .entry();

      assertThat(entry.source()).isEqualTo(TransitionSource.PROVIDER_RESPONSE);
      assertThat(entry.providerRequestId()).contains("req_9");
    }

    @Test
    void a_repeated_report_is_a_duplicate_that_changes_nothing_but_the_history() {
      Payment started = paymentIn(PaymentState.STARTED);

      TransitionResult result = started.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(9));

      assertThat(result).isInstanceOf(TransitionResult.Duplicate.class);
      assertThat(result.payment().state()).isEqualTo(PaymentState.STARTED);
      assertThat(result.payment().updatedAt()).isEqualTo(started.updatedAt());
      assertThat(result.payment().version()).isEqualTo(started.version() + 1);
      assertThat(result.payment().history()).hasSize(started.history().size() + 1);
      assertThat(result.entry().outcome()).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void an_earlier_step_after_a_later_one_is_stale_and_not_applied() {
      Payment inProgress = paymentIn(PaymentState.IN_PROGRESS);

      TransitionResult result = inProgress.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(9));

      assertThat(result).isInstanceOf(TransitionResult.Stale.class);
      assertThat(result.payment().state()).isEqualTo(PaymentState.IN_PROGRESS);
      assertThat(result.entry().from()).isEqualTo(PaymentState.IN_PROGRESS);
      assertThat(result.entry().reported()).isEqualTo(PaymentState.STARTED);
      assertThat(result.payment().history()).last().isEqualTo(result.entry());
    }

    @Test
    void in_progress_after_succeeded_is_stale() {
      TransitionResult result =
          paymentIn(PaymentState.SUCCEEDED).apply(webhook(ProviderStatus.IN_PROGRESS, "e"), at(9));

      assertThat(result).isInstanceOf(TransitionResult.Stale.class);
      assertThat(result.payment().state()).isEqualTo(PaymentState.SUCCEEDED);
    }

    @Test
    void cancelled_after_succeeded_is_an_anomaly_recorded_but_not_applied() {
      Payment succeeded = paymentIn(PaymentState.SUCCEEDED);

      TransitionResult result =
          succeeded.apply(
              webhook(ProviderStatus.CANCELLED, Failure.of(FailureReason.CUSTOMER_CANCELLED), "e"),
              at(9));

      assertThat(result).isInstanceOf(TransitionResult.Anomaly.class);
      assertThat(result.payment().state()).isEqualTo(PaymentState.SUCCEEDED);
      assertThat(result.payment().failureInfo()).isEmpty();
      assertThat(result.payment().updatedAt()).isEqualTo(succeeded.updatedAt());
      assertThat(result.entry().reported()).isEqualTo(PaymentState.CANCELLED);
      assertThat(result.payment().history()).last().isEqualTo(result.entry());
    }

    @Test
    void a_decline_keeps_the_reason_and_the_decline_code() {
      Failure declined = Failure.declined(DeclineCode.EXPIRED_CARD);

      TransitionResult result =
          paymentIn(PaymentState.IN_PROGRESS)
              .apply(webhook(ProviderStatus.CANCELLED, declined, "evt_9"), at(9));

      assertThat(result.payment().state()).isEqualTo(PaymentState.FAILED);
      assertThat(result.payment().failureInfo()).contains(declined);
      assertThat(result.payment().failure().decline()).contains(DeclineCode.EXPIRED_CARD);
    }

    @Test
    void suspected_fraud_fails_the_payment_with_its_reason() {
      Failure fraud = Failure.of(FailureReason.FRAUD_SUSPECTED);

      Payment payment =
          paymentIn(PaymentState.STARTED)
              .apply(webhook(ProviderStatus.CANCELLED, fraud, "evt_9"), at(9))
              .payment();

      assertThat(payment.state()).isEqualTo(PaymentState.FAILED);
      assertThat(payment.failure().reason()).isEqualTo(FailureReason.FRAUD_SUSPECTED);
    }

    @Test
    void a_customer_cancellation_cancels_and_keeps_why() {
      Failure cancelled = Failure.of(FailureReason.CUSTOMER_CANCELLED);

      Payment payment =
          paymentIn(PaymentState.STARTED)
              .apply(webhook(ProviderStatus.CANCELLED, cancelled, "evt_9"), at(9))
              .payment();

      assertThat(payment.state()).isEqualTo(PaymentState.CANCELLED);
      assertThat(payment.failureInfo()).contains(cancelled);
    }

    @Test
    void a_cancellation_without_a_failure_cancels() {
      Payment payment =
          paymentIn(PaymentState.STARTED)
              .apply(webhook(ProviderStatus.CANCELLED, "evt_9"), at(9))
              .payment();

      assertThat(payment.state()).isEqualTo(PaymentState.CANCELLED);
      assertThat(payment.failureInfo()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
        value = ProviderStatus.class,
        names = {"STARTED", "IN_PROGRESS", "CONFIRMED", "EXPIRED"})
    void ignores_a_failure_sent_with_a_status_other_than_cancelled(ProviderStatus status) {
      // The provider sets failure only with cancelled; a confirmed payment must never carry one.
      Payment payment =
          newPayment()
              .apply(webhook(status, Failure.declined(DeclineCode.DO_NOT_HONOR), "evt_1"), at(1))
              .payment();

      assertThat(payment.state()).isNotIn(PaymentState.FAILED, PaymentState.CANCELLED);
      assertThat(payment.failureInfo()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
        value = PaymentState.class,
        names = {"SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"})
    void a_terminal_state_never_changes_whatever_is_reported(PaymentState terminal) {
      Payment payment = paymentIn(terminal);
      Failure failure = payment.failure();
      List<Failure> failures =
          Arrays.asList(
              null,
              Failure.declined(DeclineCode.INVALID_CVV),
              Failure.of(FailureReason.FRAUD_SUSPECTED),
              Failure.of(FailureReason.CUSTOMER_CANCELLED));
      int n = 0;
      for (ProviderStatus status : ProviderStatus.values()) {
        for (Failure f : failures) {
          TransitionResult result = payment.apply(webhook(status, f, "evt_" + n++), at(100 + n));
          assertThat(result.outcome()).isNotEqualTo(Outcome.APPLIED);
          payment = result.payment();
          assertThat(payment.state()).isEqualTo(terminal);
          assertThat(payment.failure()).isEqualTo(failure);
        }
      }
    }

    @Test
    void a_report_about_another_transaction_is_rejected_and_changes_nothing_but_the_history() {
      Payment started = paymentIn(PaymentState.STARTED);
      ProviderPayment other =
          new ProviderPayment(
              new TransactionId("tx_other"),
              ProviderStatus.CONFIRMED,
              AMOUNT,
              ORDER,
              null,
              URI.create("https://provider.example/checkout/tx_other"),
              null,
              T0,
              T0,
              T0);

      TransitionResult result = started.apply(ProviderReport.fromWebhook(other, "evt_x"), at(9));

      assertThat(result).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(result.payment().state()).isEqualTo(PaymentState.STARTED);
      assertThat(result.payment().providerTransactionId()).contains(TX);
      assertThat(result.payment().checkout()).contains(CHECKOUT);
      assertThat(result.payment().updatedAt()).isEqualTo(started.updatedAt());
      assertThat(result.payment().version()).isEqualTo(started.version() + 1);
      assertThat(result.entry().reported()).isEqualTo(PaymentState.SUCCEEDED);
      assertThat(result.entry().detail()).contains("tx_other").contains("tx_1");
    }

    @Test
    void a_report_of_another_amount_is_rejected() {
      ProviderPayment wrongAmount =
          new ProviderPayment(
              TX,
              ProviderStatus.CONFIRMED,
              Money.of(1, "EUR"),
              ORDER,
              null,
              CHECKOUT,
              null,
              T0,
              T0,
              T0);

      TransitionResult result =
          newPayment().apply(ProviderReport.fromLookup(wrongAmount, "req_1"), at(1));

      assertThat(result).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(result.payment().state()).isEqualTo(PaymentState.CREATED);
      assertThat(result.payment().providerTransactionId())
          .as("a rejected report must not teach the transaction id")
          .isEmpty();
      assertThat(result.entry().detail()).contains("0.01 EUR").contains("10.50 EUR");
    }

    @Test
    void a_report_in_another_currency_is_rejected() {
      ProviderPayment wrongCurrency =
          new ProviderPayment(
              TX,
              ProviderStatus.CONFIRMED,
              Money.of(1050, "USD"),
              ORDER,
              null,
              CHECKOUT,
              null,
              T0,
              T0,
              T0);

      TransitionResult result =
          newPayment().apply(ProviderReport.fromLookup(wrongCurrency, "req_1"), at(1));

      assertThat(result).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(result.payment().state()).isEqualTo(PaymentState.CREATED);
    }

    @Test
    void a_report_for_another_order_is_rejected() {
      ProviderPayment otherOrder =
          new ProviderPayment(
              TX,
              ProviderStatus.CONFIRMED,
              AMOUNT,
              new ExternalId("order-1"),
              null,
              CHECKOUT,
              null,
              T0,
              T0,
              T0);

      TransitionResult result =
          newPayment().apply(ProviderReport.fromLookup(otherOrder, "req_1"), at(1));

      assertThat(result).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(result.payment().state()).isEqualTo(PaymentState.CREATED);
      assertThat(result.entry().detail()).contains("order-1").contains("order-8812");
    }

    @Test
    void learns_the_transaction_even_from_a_report_that_is_not_applied() {
      // A payment refused locally never learned its transaction; a later word still identifies it.
      Payment rejected =
          newPayment().rejectedByProvider("invalid_request", "req_1", at(1)).payment();

      TransitionResult result = rejected.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(2));

      assertThat(result).isInstanceOf(TransitionResult.Stale.class);
      assertThat(result.payment().providerTransactionId()).contains(TX);
    }
  }

  @Nested
  class LocalSteps {

    @Test
    void marks_a_created_payment_submitted_when_the_outcome_is_unknown() {
      TransitionResult result = newPayment().markSubmitted(at(3), "read timed out");

      assertThat(result).isInstanceOf(TransitionResult.Applied.class);
      assertThat(result.payment().state()).isEqualTo(PaymentState.SUBMITTED);
      assertThat(result.payment().updatedAt()).isEqualTo(at(3));
      assertThat(result.entry().source()).isEqualTo(TransitionSource.LOCAL);
      assertThat(result.entry().detail()).isEqualTo("read timed out");
      assertThat(result.entry().at()).isEqualTo(at(3));
    }

    @ParameterizedTest
    @EnumSource(
        value = PaymentState.class,
        names = {"STARTED", "IN_PROGRESS", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"})
    void refuses_to_mark_submitted_a_payment_the_provider_already_has(PaymentState state) {
      Payment payment = paymentIn(state);

      TransitionResult result = payment.markSubmitted(at(3), "timeout");

      assertThat(result).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(result.payment().state()).isEqualTo(state);
      assertThat(result.payment().updatedAt()).isEqualTo(payment.updatedAt());
      assertThat(result.payment().version()).isEqualTo(payment.version() + 1);
      assertThat(result.entry().reported()).isEqualTo(PaymentState.SUBMITTED);
    }

    @ParameterizedTest
    @EnumSource(
        value = PaymentState.class,
        names = {"CREATED", "SUBMITTED"})
    void fails_a_payment_the_provider_refused_to_create(PaymentState state) {
      TransitionResult result =
          paymentIn(state).rejectedByProvider("invalid_amount", "req_77", at(4));

      assertThat(result).isInstanceOf(TransitionResult.Applied.class);
      Payment payment = result.payment();
      assertThat(payment.state()).isEqualTo(PaymentState.FAILED);
      assertThat(payment.failure())
          .isEqualTo(new Failure(FailureReason.REJECTED, null, "invalid_amount"));
      assertThat(result.entry().source()).isEqualTo(TransitionSource.PROVIDER_RESPONSE);
      assertThat(result.entry().providerRequestId()).contains("req_77");
      assertThat(result.entry().detail()).isEqualTo("invalid_amount");
    }

    @ParameterizedTest
    @EnumSource(
        value = PaymentState.class,
        names = {"STARTED", "IN_PROGRESS", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"})
    void a_refusal_cannot_change_a_payment_the_provider_already_accepted(PaymentState terminal) {
      Payment payment = paymentIn(terminal);

      TransitionResult result = payment.rejectedByProvider("invalid_request", "req_1", at(4));

      assertThat(result).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(result.payment().state()).isEqualTo(terminal);
      assertThat(result.payment().failure()).isEqualTo(payment.failure());
    }
  }

  @Test
  void knows_which_provider_events_its_history_holds() {
    Payment payment =
        PaymentFixtures.newPayment()
            .apply(PaymentFixtures.webhook(ProviderStatus.STARTED, "evt_1"), PaymentFixtures.at(1))
            .payment()
            .apply(PaymentFixtures.lookup(ProviderStatus.IN_PROGRESS), PaymentFixtures.at(2))
            .payment();

    assertThat(payment.hasRecorded("evt_1")).isTrue();
    assertThat(payment.hasRecorded("evt_2")).isFalse();
  }

  @Test
  void every_step_adds_one_entry_whose_sequence_is_the_new_version() {
    Payment payment = newPayment();
    payment = payment.markSubmitted(at(1), "timeout").payment();
    payment = payment.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(2)).payment();
    payment = payment.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(3)).payment();
    payment = payment.apply(webhook(ProviderStatus.CONFIRMED, "evt_2"), at(4)).payment();
    payment = payment.apply(webhook(ProviderStatus.IN_PROGRESS, "evt_3"), at(5)).payment();

    assertThat(payment.version()).isEqualTo(5);
    assertThat(payment.history())
        .extracting(HistoryEntry::sequence)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(payment.history())
        .extracting(HistoryEntry::outcome)
        .containsExactly(
            Outcome.APPLIED,
            Outcome.APPLIED,
            Outcome.APPLIED,
            Outcome.DUPLICATE,
            Outcome.APPLIED,
            Outcome.STALE);
    assertThat(payment.state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(payment.updatedAt()).isEqualTo(at(4));
  }

  @Test
  void leaves_the_original_snapshot_untouched() {
    Payment original = newPayment();

    original.apply(webhook(ProviderStatus.CONFIRMED, "evt_1"), at(1));

    assertThat(original.state()).isEqualTo(PaymentState.CREATED);
    assertThat(original.version()).isZero();
    assertThat(original.history()).hasSize(1);
  }
}
