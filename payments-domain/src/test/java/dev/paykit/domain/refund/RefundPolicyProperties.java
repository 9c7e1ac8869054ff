package dev.paykit.domain.refund;

import static dev.paykit.domain.payment.PaymentFixtures.PAYMENT_ID;
import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static dev.paykit.domain.payment.PaymentFixtures.paymentIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RefundPolicyProperties {

  record Attempt(long cents, boolean failsLater) {}

  @Provide
  Arbitrary<List<Attempt>> attempts() {
    return Combinators.combine(Arbitraries.longs().between(1, 1200), Arbitraries.of(true, false))
        .as(Attempt::new)
        .list()
        .ofMaxSize(20);
  }

  @Property
  void refunds_that_were_allowed_never_add_up_to_more_than_the_payment(
      @ForAll("attempts") List<Attempt> attempts) {
    Payment payment = paymentIn(PaymentState.SUCCEEDED);
    List<Refund> refunds = new ArrayList<>();
    int n = 0;
    for (Attempt attempt : attempts) {
      Money requested = Money.of(attempt.cents(), "EUR");
      RefundDecision decision = RefundPolicy.decide(payment, refunds, List.of(), requested);
      Money before = RefundPolicy.refundable(payment, refunds, List.of());
      if (decision instanceof RefundDecision.Allowed allowed) {
        assertThat(requested.isGreaterThan(before)).isFalse();
        assertThat(allowed.remaining()).isEqualTo(before.minus(requested));
        Refund refund =
            Refund.request(
                new RefundId("ref_" + n),
                PAYMENT_ID,
                IdempotencyKey.of("k" + n),
                requested,
                null,
                T0);
        n++;
        refunds.add(attempt.failsLater() ? refund.rejected(T0) : refund);
      } else {
        assertThat(decision).isEqualTo(new RefundDecision.ExceedsPayment(requested, before));
        assertThat(requested.isGreaterThan(before)).isTrue();
      }

      long committed =
          refunds.stream()
              .filter(r -> r.state() != RefundState.FAILED)
              .mapToLong(r -> r.amount().minorUnits())
              .sum();
      assertThat(committed).isLessThanOrEqualTo(payment.request().amount().minorUnits());
      assertThat(RefundPolicy.refundable(payment, refunds, List.of()).minorUnits())
          .isEqualTo(payment.request().amount().minorUnits() - committed);
    }
  }
}
