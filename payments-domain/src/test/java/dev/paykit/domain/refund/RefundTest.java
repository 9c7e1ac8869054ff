package dev.paykit.domain.refund;

import static dev.paykit.domain.payment.PaymentFixtures.PAYMENT_ID;
import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static dev.paykit.domain.payment.PaymentFixtures.TX;
import static dev.paykit.domain.payment.PaymentFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RefundTest {

  private static final RefundId ID = new RefundId("ref_1");
  private static final IdempotencyKey KEY = IdempotencyKey.of("refund-8812-1");
  private static final Money AMOUNT = Money.of(500, "EUR");

  private static Refund requested() {
    return Refund.request(ID, PAYMENT_ID, KEY, AMOUNT, "requested_by_customer", T0);
  }

  private static ProviderRefund said(RefundState status) {
    return new ProviderRefund("rf_1", TX, status, AMOUNT, T0);
  }

  private static Refund in(RefundState state) {
    Refund refund = requested();
    return state == RefundState.REQUESTED ? refund : refund.apply(said(state), at(1)).refund();
  }

  @Test
  void starts_requested_at_version_zero_without_a_provider_id() {
    Refund refund = requested();

    assertThat(refund.state()).isEqualTo(RefundState.REQUESTED);
    assertThat(refund.version()).isZero();
    assertThat(refund.provider()).isEmpty();
    assertThat(refund.createdAt()).isEqualTo(T0);
    assertThat(refund.updatedAt()).isEqualTo(T0);
    assertThat(refund.amount()).isEqualTo(AMOUNT);
    assertThat(refund.paymentId()).isEqualTo(PAYMENT_ID);
    assertThat(refund.idempotencyKey()).isEqualTo(KEY);
    assertThat(refund.reason()).isEqualTo("requested_by_customer");
  }

  @Test
  void requires_its_identity_amount_and_times() {
    assertThatNullPointerException()
        .isThrownBy(() -> Refund.request(null, PAYMENT_ID, KEY, AMOUNT, null, T0))
        .withMessage("id");
    assertThatNullPointerException()
        .isThrownBy(() -> Refund.request(ID, null, KEY, AMOUNT, null, T0))
        .withMessage("paymentId");
    assertThatNullPointerException()
        .isThrownBy(() -> Refund.request(ID, PAYMENT_ID, null, AMOUNT, null, T0))
        .withMessage("idempotencyKey");
    assertThatNullPointerException()
        .isThrownBy(() -> Refund.request(ID, PAYMENT_ID, KEY, null, null, T0))
        .withMessage("amount");
    assertThatNullPointerException()
        .isThrownBy(() -> Refund.request(ID, PAYMENT_ID, KEY, AMOUNT, null, null))
        .withMessage("createdAt");
  }

  @ParameterizedTest(name = "{0} reported in {1} is {2}")
  @CsvSource({
    "REQUESTED, PENDING,   APPLIED",
    "REQUESTED, SUCCEEDED, APPLIED",
    "REQUESTED, FAILED,    APPLIED",
    "PENDING,   SUCCEEDED, APPLIED",
    "PENDING,   FAILED,    APPLIED",
    "PENDING,   PENDING,   DUPLICATE",
    "SUCCEEDED, SUCCEEDED, DUPLICATE",
    "FAILED,    FAILED,    DUPLICATE",
    "SUCCEEDED, PENDING,   STALE",
    "FAILED,    PENDING,   STALE",
    "SUCCEEDED, FAILED,    ANOMALY",
    "FAILED,    SUCCEEDED, ANOMALY"
  })
  void follows_requested_pending_then_succeeded_or_failed(
      RefundState current, RefundState reported, Outcome outcome) {
    Refund before = in(current);

    Refund.Update update = before.apply(said(reported), at(5));

    assertThat(update.outcome()).isEqualTo(outcome);
    RefundState expected = outcome == Outcome.APPLIED ? reported : current;
    assertThat(update.refund().state()).isEqualTo(expected);
  }

  @Test
  void an_applied_report_learns_the_provider_id_and_bumps_the_version() {
    Refund.Update update = requested().apply(said(RefundState.PENDING), at(5));

    assertThat(update.refund().provider()).contains("rf_1");
    assertThat(update.refund().version()).isEqualTo(1);
    assertThat(update.refund().updatedAt()).isEqualTo(at(5));
    assertThat(update.refund().createdAt()).isEqualTo(T0);
  }

  @ParameterizedTest
  @EnumSource(
      value = RefundState.class,
      names = {"SUCCEEDED", "FAILED"})
  void a_terminal_refund_never_changes(RefundState terminal) {
    Refund refund = in(terminal);

    for (RefundState reported :
        new RefundState[] {RefundState.PENDING, RefundState.SUCCEEDED, RefundState.FAILED}) {
      Refund.Update update = refund.apply(said(reported), at(9));
      assertThat(update.outcome()).isNotEqualTo(Outcome.APPLIED);
      assertThat(update.refund()).isEqualTo(refund);
    }
    assertThat(refund.rejected(at(9))).isSameAs(refund);
  }

  @Test
  void a_report_about_another_provider_refund_is_rejected() {
    Refund pending = in(RefundState.PENDING);

    Refund.Update update =
        pending.apply(new ProviderRefund("rf_2", TX, RefundState.SUCCEEDED, AMOUNT, T0), at(9));

    assertThat(update.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(update.refund()).isSameAs(pending);
  }

  @Test
  void a_report_of_another_amount_is_rejected() {
    Refund.Update update =
        requested()
            .apply(
                new ProviderRefund("rf_1", TX, RefundState.SUCCEEDED, Money.of(501, "EUR"), T0),
                at(9));

    assertThat(update.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(update.refund().state()).isEqualTo(RefundState.REQUESTED);
    assertThat(update.refund().provider()).isEmpty();
  }

  @Test
  void a_repeated_report_changes_nothing() {
    Refund pending = in(RefundState.PENDING);

    Refund.Update update = pending.apply(said(RefundState.PENDING), at(9));

    assertThat(update.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(update.refund()).isSameAs(pending);
  }

  @Test
  void fails_a_refund_the_provider_refused() {
    Refund refused = requested().rejected(at(3));

    assertThat(refused.state()).isEqualTo(RefundState.FAILED);
    assertThat(refused.version()).isEqualTo(1);
    assertThat(refused.updatedAt()).isEqualTo(at(3));
  }
}
