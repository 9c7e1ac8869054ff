package dev.paykit.domain.payment;

import static dev.paykit.domain.payment.PaymentFixtures.KEY;
import static dev.paykit.domain.payment.PaymentFixtures.PAYMENT_ID;
import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static dev.paykit.domain.payment.PaymentFixtures.at;
import static dev.paykit.domain.payment.PaymentFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaymentFailOverTest {
  private static final ProviderName A = ProviderName.of("psp-a");
  private static final ProviderName B = ProviderName.of("psp-b");

  private final Payment created = Payment.create(PAYMENT_ID, KEY, A, request(), T0);

  @Test
  void a_payment_no_provider_has_acted_on_moves_to_the_next_with_an_entry_saying_why() {
    TransitionResult moved = created.failOver(B, "connection refused", at(1)).orElseThrow();

    Payment after = moved.payment();
    assertThat(after.provider()).isEqualTo(B);
    assertThat(after.state()).isEqualTo(PaymentState.CREATED);
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.request()).isEqualTo(created.request());
    assertThat(after.idempotencyKey()).isEqualTo(KEY);
    assertThat(moved.appends()).isTrue();
    assertThat(moved.entry().outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(moved.entry().source()).isEqualTo(TransitionSource.LOCAL);
    assertThat(moved.entry().detail()).contains("psp-a did not act", "connection refused", "psp-b");
  }

  @Test
  void a_payment_whose_create_outcome_is_unknown_never_moves() {
    Payment submitted = created.outcomeUnknown(at(1), "timed out").orElseThrow().payment();

    assertThat(submitted.failOver(B, "connection refused", at(2))).isEmpty();
  }

  @Test
  void a_payment_the_provider_accepted_never_moves() {
    Payment started =
        created
            .apply(
                ProviderReport.fromCreateResponse(
                    new ProviderPayment(
                        PaymentFixtures.TX,
                        ProviderStatus.STARTED,
                        PaymentFixtures.AMOUNT,
                        PaymentFixtures.ORDER,
                        request().metadata(),
                        PaymentFixtures.CHECKOUT,
                        null,
                        T0,
                        T0,
                        T0.plusSeconds(900),
                        null),
                    "req_1"),
                at(1))
            .payment();

    assertThat(started.failOver(B, "connection refused", at(2))).isEmpty();
  }

  @Test
  void a_move_to_the_provider_it_is_at_is_a_mistake() {
    assertThatThrownBy(() -> created.failOver(A, "connection refused", at(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
