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
import static org.assertj.core.api.Assertions.tuple;

import dev.paykit.domain.money.Money;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentTest {

  @Nested
  class Creation {

    @Test
    void starts_in_created_at_version_zero_its_latest_entry_its_creation() {
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
      assertThat(payment.latest())
          .isEqualTo(
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
                      p.provider(),
                      p.request(),
                      null,
                      null,
                      null,
                      null,
                      T0,
                      T0,
                      0,
                      p.latest()))
          .withMessage("state");
      assertThatNullPointerException()
          .isThrownBy(
              () ->
                  new Payment(
                      p.id(),
                      p.idempotencyKey(),
                      p.provider(),
                      p.request(),
                      PaymentState.CREATED,
                      null,
                      null,
                      null,
                      T0,
                      null,
                      0,
                      p.latest()))
          .withMessage("updatedAt");
    }

    @Test
    void requires_its_latest_entry_to_be_the_one_that_produced_its_version() {
      Payment p = paymentIn(PaymentState.STARTED);
      assertThatNullPointerException()
          .isThrownBy(() -> rebuilt(p, p.version(), null))
          .withMessage("latest");
      assertThatThrownBy(() -> rebuilt(p, p.version() + 1, p.latest()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("entry 1, version 2");
      assertThat(rebuilt(p, p.version(), p.latest())).isEqualTo(p);
    }

    private Payment rebuilt(Payment p, long version, HistoryEntry latest) {
      return new Payment(
          p.id(),
          p.idempotencyKey(),
          p.provider(),
          p.request(),
          p.state(),
          p.failure(),
          p.transactionId(),
          p.checkoutUrl(),
          p.createdAt(),
          p.updatedAt(),
          version,
          latest);
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
      assertThat(result.appends()).isTrue();
      assertThat(result.entry().sequence()).isEqualTo(1);
      assertThat(payment.latest()).isEqualTo(result.entry());
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
      assertThat(result.appends()).isTrue();
      assertThat(result.payment().latest()).isEqualTo(result.entry());
      assertThat(result.entry().sequence()).isEqualTo(started.version() + 1);
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
      assertThat(result.payment().latest()).isEqualTo(result.entry());
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
      assertThat(result.payment().latest()).isEqualTo(result.entry());
    }

    @Test
    void a_decline_keeps_the_reason_and_the_decline_code() {
      Failure declined = Failure.declined(DeclineCode.EXPIRED_CARD);

      TransitionResult result =
          paymentIn(PaymentState.IN_PROGRESS)
              .apply(webhook(ProviderStatus.DECLINED, declined, "evt_9"), at(9));

      assertThat(result.payment().state()).isEqualTo(PaymentState.FAILED);
      assertThat(result.payment().failureInfo()).contains(declined);
      assertThat(result.payment().failure().decline()).contains(DeclineCode.EXPIRED_CARD);
    }

    @Test
    void a_decline_reported_as_a_cancellation_still_fails_and_keeps_its_code() {
      Failure declined = Failure.declined(DeclineCode.EXPIRED_CARD);

      Payment payment =
          paymentIn(PaymentState.IN_PROGRESS)
              .apply(webhook(ProviderStatus.CANCELLED, declined, "evt_9"), at(9))
              .payment();

      assertThat(payment.state()).isEqualTo(PaymentState.FAILED);
      assertThat(payment.failureInfo()).contains(declined);
    }

    @Test
    void suspected_fraud_fails_the_payment_with_its_reason() {
      Failure fraud = Failure.of(FailureReason.FRAUD_SUSPECTED);

      Payment payment =
          paymentIn(PaymentState.STARTED)
              .apply(webhook(ProviderStatus.DECLINED, fraud, "evt_9"), at(9))
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
          if (status == ProviderStatus.DECLINED && f != null && !f.reason().isDecline()) {
            continue;
          }
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
      Payment rejected = newPayment().refused("invalid_request", "req_1", at(1)).payment();

      TransitionResult result = rejected.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(2));

      assertThat(result).isInstanceOf(TransitionResult.Stale.class);
      assertThat(result.payment().providerTransactionId()).contains(TX);
    }
  }

  @Nested
  class LocalSteps {

    @Test
    void marks_a_created_payment_submitted_when_the_outcome_is_unknown() {
      TransitionResult result = newPayment().outcomeUnknown(at(3), "read timed out").orElseThrow();

      assertThat(result).isInstanceOf(TransitionResult.Applied.class);
      assertThat(result.payment().state()).isEqualTo(PaymentState.SUBMITTED);
      assertThat(result.payment().updatedAt()).isEqualTo(at(3));
      assertThat(result.entry().source()).isEqualTo(TransitionSource.LOCAL);
      assertThat(result.entry().detail()).isEqualTo("read timed out");
      assertThat(result.entry().at()).isEqualTo(at(3));
      assertThat(result.entry().reported()).isEqualTo(PaymentState.SUBMITTED);
      assertThat(result.payment().version()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
        value = PaymentState.class,
        names = {
          "SUBMITTED",
          "STARTED",
          "IN_PROGRESS",
          "SUCCEEDED",
          "FAILED",
          "CANCELLED",
          "EXPIRED"
        })
    void an_unknown_outcome_leaves_a_payment_past_created_alone_and_records_nothing(
        PaymentState state) {
      // A retried create that times out again, or one the provider already answered, tells
      // nothing new: recording it would grow the trail with every retry.
      assertThat(paymentIn(state).outcomeUnknown(at(3), "timeout")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(PaymentState.class)
    void the_provider_being_unavailable_changes_and_records_nothing_in_any_state(
        PaymentState state) {
      assertThat(paymentIn(state).providerUnavailable(at(3), "503 from the provider")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
        value = PaymentState.class,
        names = {"CREATED", "SUBMITTED"})
    void fails_a_payment_the_provider_refused_to_create(PaymentState state) {
      TransitionResult result = paymentIn(state).refused("invalid_amount", "req_77", at(4));

      assertThat(result).isInstanceOf(TransitionResult.Applied.class);
      Payment payment = result.payment();
      assertThat(payment.state()).isEqualTo(PaymentState.FAILED);
      assertThat(payment.failure())
          .isEqualTo(new Failure(FailureReason.REJECTED, null, "invalid_amount"));
      assertThat(result.entry().source()).isEqualTo(TransitionSource.PROVIDER_RESPONSE);
      assertThat(result.entry().providerRequestId()).contains("req_77");
      assertThat(result.entry().detail()).isEqualTo("invalid_amount");
      assertThat(result.entry().from()).isEqualTo(state);
      assertThat(result.entry().reported()).isEqualTo(PaymentState.FAILED);
      assertThat(payment.updatedAt()).isEqualTo(at(4));
      assertThat(payment.awaitsProvider()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
        value = PaymentState.class,
        names = {"STARTED", "IN_PROGRESS", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"})
    void a_refusal_cannot_change_a_payment_the_provider_already_accepted(PaymentState terminal) {
      Payment payment = paymentIn(terminal);

      TransitionResult result = payment.refused("invalid_request", "req_1", at(4));

      assertThat(result).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(result.payment().state()).isEqualTo(terminal);
      assertThat(result.payment().failure()).isEqualTo(payment.failure());
      assertThat(result.payment().updatedAt()).isEqualTo(payment.updatedAt());
      assertThat(result.payment().version()).isEqualTo(payment.version() + 1);
      assertThat(result.entry().reported()).isEqualTo(PaymentState.FAILED);
      assertThat(result.entry().providerRequestId()).contains("req_1");
    }
  }

  @Nested
  class Repeats {

    /** A step that changes nothing, the {@code i}-th time it is made, at {@code at(10 + i)}. */
    interface Step {
      TransitionResult make(Payment payment, int i);
    }

    static ProviderReport aboutAnotherTransaction(String eventId) {
      ProviderPayment other =
          new ProviderPayment(
              new TransactionId("tx_other"),
              ProviderStatus.CONFIRMED,
              AMOUNT,
              ORDER,
              null,
              null,
              null,
              T0,
              T0,
              T0);
      return ProviderReport.fromWebhook(other, eventId);
    }

    static Stream<Arguments> stepsThatChangeNothing() {
      Step startedWebhook =
          (p, i) -> p.apply(webhook(ProviderStatus.STARTED, "evt_" + i), at(10 + i));
      Step duplicateLookup = (p, i) -> p.apply(lookup(ProviderStatus.IN_PROGRESS), at(10 + i));
      Step anomaly = (p, i) -> p.apply(webhook(ProviderStatus.CANCELLED, "evt_" + i), at(10 + i));
      Step mismatch = (p, i) -> p.apply(aboutAnotherTransaction("evt_" + i), at(10 + i));
      Step lateRefusal = (p, i) -> p.refused("invalid_request", "req_" + i, at(10 + i));
      return Stream.of(
          Arguments.of(
              "duplicate webhook", PaymentState.STARTED, startedWebhook, Outcome.DUPLICATE),
          Arguments.of(
              "duplicate look-up", PaymentState.IN_PROGRESS, duplicateLookup, Outcome.DUPLICATE),
          Arguments.of("stale webhook", PaymentState.SUCCEEDED, startedWebhook, Outcome.STALE),
          Arguments.of("anomalous webhook", PaymentState.SUCCEEDED, anomaly, Outcome.ANOMALY),
          Arguments.of("another transaction", PaymentState.STARTED, mismatch, Outcome.REJECTED),
          Arguments.of(
              "refusal after acceptance", PaymentState.IN_PROGRESS, lateRefusal, Outcome.REJECTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsThatChangeNothing")
    void the_same_step_made_again_and_again_is_one_entry_counted(
        String name, PaymentState state, Step step, Outcome outcome) {
      Payment start = paymentIn(state);
      int n = 4;

      Payment payment = start;
      List<TransitionResult> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        TransitionResult result = step.make(payment, i);
        results.add(result);
        payment = result.payment();
      }

      assertThat(results.get(0).appends()).isTrue();
      assertThat(results.get(0).outcome()).isEqualTo(outcome);
      assertThat(results.subList(1, n))
          .allSatisfy(
              result -> {
                assertThat(result).isInstanceOf(TransitionResult.Repeated.class);
                assertThat(result.appends()).isFalse();
                assertThat(result.outcome()).isEqualTo(outcome);
                assertThat(result.payment().latest()).isEqualTo(result.entry());
              });
      HistoryEntry first = results.get(0).entry();
      HistoryEntry counted = payment.latest();
      assertThat(counted.sequence()).isEqualTo(start.version() + 1);
      assertThat(counted.repeats()).isEqualTo(n - 1);
      assertThat(counted.timesSaid()).isEqualTo(n);
      assertThat(counted.lastSeenAt()).isEqualTo(at(10 + n - 1));
      assertThat(counted.at()).as("the first time it was said").isEqualTo(at(10));
      assertThat(counted.eventId()).isEqualTo(first.eventId());
      assertThat(counted.requestId()).isEqualTo(first.requestId());
      assertThat(counted.detail()).isEqualTo(first.detail());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsThatChangeNothing")
    void a_repeat_never_changes_the_version_the_state_or_when_the_payment_last_changed(
        String name, PaymentState state, Step step, Outcome outcome) {
      Payment once = step.make(paymentIn(state), 0).payment();

      Payment twice = step.make(once, 1).payment();

      assertThat(twice.version()).isEqualTo(once.version());
      assertThat(twice.state()).isEqualTo(once.state());
      assertThat(twice.updatedAt()).isEqualTo(once.updatedAt());
      assertThat(twice.failure()).isEqualTo(once.failure());
      assertThat(twice.transactionId()).isEqualTo(once.transactionId());
      assertThat(twice.checkoutUrl()).isEqualTo(once.checkoutUrl());
      assertThat(twice.createdAt()).isEqualTo(once.createdAt());
      assertThat(twice.request()).isEqualTo(once.request());
      assertThat(twice.latest().sequence()).isEqualTo(once.latest().sequence());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10, 100})
    void n_identical_duplicate_reports_give_one_entry_with_n_minus_one_repeats(int n) {
      Payment created = newPayment();
      Trail trail = new Trail(created);
      Payment payment = trail.record(created.apply(lookup(ProviderStatus.STARTED), at(1)));

      for (int i = 0; i < n; i++) {
        payment = trail.record(payment.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(10 + i)));
      }

      assertThat(trail.entries()).hasSize(3);
      HistoryEntry duplicate = trail.last();
      assertThat(duplicate.outcome()).isEqualTo(Outcome.DUPLICATE);
      assertThat(duplicate.repeats()).isEqualTo(n - 1);
      assertThat(duplicate.lastSeenAt()).isEqualTo(n == 1 ? null : at(10 + n - 1));
      assertThat(payment.version()).isEqualTo(2);
      assertThat(payment.latest()).isEqualTo(duplicate);
      assertThat(trail.reportsAfterCreation()).isEqualTo(1 + n);
    }

    @Test
    void a_different_report_in_between_appends() {
      Payment created = newPayment();
      Trail trail = new Trail(created);
      Payment payment = trail.record(created.apply(lookup(ProviderStatus.CONFIRMED), at(1)));

      payment = trail.record(payment.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(2)));
      payment = trail.record(payment.apply(webhook(ProviderStatus.STARTED, "evt_2"), at(3)));
      payment = trail.record(payment.apply(webhook(ProviderStatus.IN_PROGRESS, "evt_3"), at(4)));
      payment = trail.record(payment.apply(webhook(ProviderStatus.STARTED, "evt_4"), at(5)));
      payment = trail.record(payment.apply(webhook(ProviderStatus.STARTED, "evt_5"), at(6)));

      assertThat(trail.entries())
          .extracting(
              HistoryEntry::sequence,
              HistoryEntry::reported,
              HistoryEntry::eventId,
              HistoryEntry::repeats,
              HistoryEntry::lastSeenAt)
          .containsExactly(
              tuple(0L, PaymentState.CREATED, null, 0, null),
              tuple(1L, PaymentState.SUCCEEDED, null, 0, null),
              tuple(2L, PaymentState.STARTED, "evt_1", 1, at(3)),
              tuple(3L, PaymentState.IN_PROGRESS, "evt_3", 0, null),
              tuple(4L, PaymentState.STARTED, "evt_4", 1, at(6)));
      assertThat(payment.version()).isEqualTo(4);
      assertThat(payment.latest()).isEqualTo(trail.last());
    }

    @Test
    void the_same_word_from_another_source_appends() {
      Payment succeeded = paymentIn(PaymentState.SUCCEEDED);
      Payment afterWebhook =
          succeeded.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(2)).payment();

      TransitionResult result = afterWebhook.apply(lookup(ProviderStatus.STARTED), at(3));

      assertThat(result.appends()).isTrue();
      assertThat(result).isInstanceOf(TransitionResult.Stale.class);
      assertThat(result.payment().version()).isEqualTo(afterWebhook.version() + 1);
      assertThat(result.entry().source()).isEqualTo(TransitionSource.LOOKUP);
    }

    @Test
    void a_mismatch_of_another_kind_appends() {
      Payment started = paymentIn(PaymentState.STARTED);
      Payment afterOther = started.apply(aboutAnotherTransaction("evt_1"), at(2)).payment();
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
          afterOther.apply(ProviderReport.fromWebhook(wrongAmount, "evt_2"), at(3));

      assertThat(result).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(result.appends()).isTrue();
      assertThat(result.entry().detail()).isNotEqualTo(afterOther.latest().detail());
    }

    @Test
    void a_refusal_with_another_code_appends() {
      Payment once =
          paymentIn(PaymentState.STARTED).refused("invalid_request", "req_1", at(2)).payment();

      TransitionResult other = once.refused("amount_too_large", "req_2", at(3));

      assertThat(other).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(other.appends()).isTrue();
      assertThat(other.entry().detail()).isEqualTo("amount_too_large");
    }

    @Test
    void a_refusal_of_a_refused_payment_appends_once_then_counts() {
      Payment refused = newPayment().refused("invalid_request", "req_1", at(1)).payment();

      TransitionResult again = refused.refused("invalid_request", "req_2", at(2));
      TransitionResult thrice = again.payment().refused("invalid_request", "req_3", at(3));

      assertThat(again).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(again.entry().from()).isEqualTo(PaymentState.FAILED);
      assertThat(thrice).isInstanceOf(TransitionResult.Repeated.class);
      assertThat(thrice.entry().repeats()).isEqualTo(1);
      assertThat(thrice.payment().failure()).isEqualTo(refused.failure());
    }

    /** A payment as a store may hold it: in {@code state}, its latest entry {@code latest}. */
    private Payment stored(
        PaymentState state, Failure failure, TransactionId tx, URI checkout, HistoryEntry latest) {
      return new Payment(
          PAYMENT_ID,
          KEY,
          ProviderName.DEFAULT,
          request(),
          state,
          failure,
          tx,
          checkout,
          T0,
          at(1),
          latest.sequence(),
          latest);
    }

    @Test
    void a_report_that_teaches_the_transaction_id_is_never_a_repeat() {
      // Refused before the provider ever named its transaction, then a stale report seen without
      // its transaction: the same word again, but this time it names the transaction.
      HistoryEntry staleWithoutTx =
          new HistoryEntry(
              2,
              PaymentState.FAILED,
              PaymentState.STARTED,
              Outcome.STALE,
              TransitionSource.WEBHOOK,
              at(2),
              "evt_1",
              null,
              null);
      Payment payment =
          stored(
              PaymentState.FAILED,
              new Failure(FailureReason.REJECTED, null, "invalid_request"),
              null,
              null,
              staleWithoutTx);

      // Without a checkout URL, so that the transaction id is the one thing the report teaches.
      ProviderPayment startedWithoutCheckout =
          new ProviderPayment(
              TX, ProviderStatus.STARTED, AMOUNT, ORDER, null, null, null, T0, T0, T0);

      TransitionResult result =
          payment.apply(ProviderReport.fromWebhook(startedWithoutCheckout, "evt_2"), at(3));

      assertThat(staleWithoutTx.saysTheSameAs(result.entry())).isTrue();
      assertThat(result).isInstanceOf(TransitionResult.Stale.class);
      assertThat(result.appends()).isTrue();
      assertThat(result.payment().version()).isEqualTo(3);
      assertThat(result.payment().providerTransactionId()).contains(TX);
      assertThat(result.payment().checkout()).isEmpty();
      assertThat(
              result
                  .payment()
                  .apply(ProviderReport.fromWebhook(startedWithoutCheckout, "evt_3"), at(4)))
          .as("once the transaction is known, the same word is a repeat")
          .isInstanceOf(TransitionResult.Repeated.class);
    }

    @Test
    void a_report_that_teaches_the_checkout_url_is_never_a_repeat() {
      HistoryEntry duplicateWithoutCheckout =
          new HistoryEntry(
              2,
              PaymentState.STARTED,
              PaymentState.STARTED,
              Outcome.DUPLICATE,
              TransitionSource.WEBHOOK,
              at(2),
              "evt_1",
              null,
              null);
      Payment payment = stored(PaymentState.STARTED, null, TX, null, duplicateWithoutCheckout);

      TransitionResult result = payment.apply(webhook(ProviderStatus.STARTED, "evt_2"), at(3));

      assertThat(result).isInstanceOf(TransitionResult.Duplicate.class);
      assertThat(result.appends()).isTrue();
      assertThat(result.payment().version()).isEqualTo(3);
      assertThat(result.payment().checkout()).contains(CHECKOUT);
    }

    @Test
    void a_word_said_more_often_than_a_counter_holds_starts_a_new_entry() {
      HistoryEntry counted =
          new HistoryEntry(
              2,
              PaymentState.SUCCEEDED,
              PaymentState.STARTED,
              Outcome.STALE,
              TransitionSource.WEBHOOK,
              at(2),
              "evt_1",
              null,
              null,
              Integer.MAX_VALUE,
              at(3));
      Payment payment = stored(PaymentState.SUCCEEDED, null, TX, CHECKOUT, counted);

      TransitionResult result = payment.apply(webhook(ProviderStatus.STARTED, "evt_2"), at(4));

      assertThat(result).isInstanceOf(TransitionResult.Stale.class);
      assertThat(result.appends()).isTrue();
      assertThat(result.entry().repeats()).isZero();
      assertThat(result.payment().version()).isEqualTo(3);
    }

    @Test
    void an_applied_step_is_never_a_repeat_even_when_it_says_what_the_latest_entry_says() {
      Payment created = newPayment();
      TransitionResult unknown = created.outcomeUnknown(at(1), "timeout").orElseThrow();
      TransitionResult confirmed =
          unknown.payment().apply(webhook(ProviderStatus.CONFIRMED, "evt_1"), at(2));

      assertThat(unknown.appends()).isTrue();
      assertThat(confirmed.appends()).isTrue();
      assertThat(confirmed.payment().version()).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "CREATED,     true",
    "SUBMITTED,   true",
    "STARTED,     false",
    "IN_PROGRESS, false",
    "SUCCEEDED,   false",
    "FAILED,      false",
    "CANCELLED,   false",
    "EXPIRED,     false"
  })
  void awaits_the_provider_while_active_and_without_a_transaction(
      PaymentState state, boolean awaits) {
    assertThat(paymentIn(state).awaitsProvider()).isEqualTo(awaits);
  }

  @Test
  void a_refused_payment_no_longer_awaits_the_provider_though_it_has_no_transaction() {
    Payment refused = newPayment().refused("invalid_request", "req_1", at(1)).payment();

    assertThat(refused.providerTransactionId()).isEmpty();
    assertThat(refused.awaitsProvider()).isFalse();
  }

  @Test
  void every_step_that_appends_adds_one_entry_whose_sequence_is_the_new_version() {
    Payment payment = newPayment();
    Trail trail = new Trail(payment);
    payment = trail.record(payment.outcomeUnknown(at(1), "timeout").orElseThrow());
    payment = trail.record(payment.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(2)));
    payment = trail.record(payment.apply(webhook(ProviderStatus.STARTED, "evt_1"), at(3)));
    payment = trail.record(payment.apply(webhook(ProviderStatus.CONFIRMED, "evt_2"), at(4)));
    payment = trail.record(payment.apply(webhook(ProviderStatus.IN_PROGRESS, "evt_3"), at(5)));

    assertThat(payment.version()).isEqualTo(5);
    assertThat(payment.latest()).isEqualTo(trail.last());
    assertThat(trail.entries())
        .extracting(HistoryEntry::sequence)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(trail.entries()).allMatch(entry -> entry.repeats() == 0);
    assertThat(trail.entries())
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

    HistoryEntry creation = original.latest();

    original.apply(webhook(ProviderStatus.CONFIRMED, "evt_1"), at(1));
    Payment succeeded = paymentIn(PaymentState.SUCCEEDED);
    Payment stale = succeeded.apply(webhook(ProviderStatus.STARTED, "evt_2"), at(2)).payment();
    stale.apply(webhook(ProviderStatus.STARTED, "evt_3"), at(3));

    assertThat(original.state()).isEqualTo(PaymentState.CREATED);
    assertThat(original.version()).isZero();
    assertThat(original.latest()).isSameAs(creation);
    assertThat(stale.latest().repeats())
        .as("a repeat counts on a new snapshot, never on the one it was applied to")
        .isZero();
  }
}
