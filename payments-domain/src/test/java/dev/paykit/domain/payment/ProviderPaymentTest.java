package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static dev.paykit.domain.payment.PaymentFixtures.said;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.paykit.domain.money.Money;
import org.junit.jupiter.api.Test;

class ProviderPaymentTest {

  @Test
  void requires_id_status_amount_and_order_and_defaults_metadata() {
    ProviderPayment p = said(ProviderStatus.STARTED);
    assertThat(
            new ProviderPayment(
                    p.transactionId(),
                    p.status(),
                    p.amount(),
                    p.externalId(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)
                .metadata())
        .isEqualTo(Metadata.empty());
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new ProviderPayment(
                    null,
                    p.status(),
                    p.amount(),
                    p.externalId(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .withMessage("transactionId");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new ProviderPayment(
                    p.transactionId(),
                    null,
                    p.amount(),
                    p.externalId(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .withMessage("status");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new ProviderPayment(
                    p.transactionId(),
                    p.status(),
                    null,
                    p.externalId(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .withMessage("amount");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new ProviderPayment(
                    p.transactionId(),
                    p.status(),
                    Money.of(1, "EUR"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .withMessage("externalId");
  }

  @Test
  void exposes_its_failure_as_an_optional() {
    assertThat(said(ProviderStatus.STARTED).failureInfo()).isEmpty();
    Failure failure = Failure.of(FailureReason.CUSTOMER_CANCELLED);
    assertThat(said(ProviderStatus.CANCELLED, failure).failureInfo()).contains(failure);
  }

  @Test
  void a_decline_always_has_a_decline_failure() {
    Failure fraud = Failure.of(FailureReason.FRAUD_SUSPECTED);
    assertThat(said(ProviderStatus.DECLINED, fraud).failure()).isEqualTo(fraud);
    assertThat(said(ProviderStatus.DECLINED).failure())
        .isEqualTo(Failure.of(FailureReason.DECLINED));
    assertRejected(
        () -> said(ProviderStatus.DECLINED, Failure.of(FailureReason.CUSTOMER_CANCELLED)),
        "failure.reason",
        "not_a_decline");
  }
}
