package dev.paykit.domain.payment;

import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static dev.paykit.domain.payment.PaymentFixtures.newPayment;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransitionResultTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "APPLIED, Applied",
    "DUPLICATE, Duplicate",
    "STALE, Stale",
    "ANOMALY, Anomaly",
    "REJECTED, Rejected"
  })
  void has_one_variant_per_outcome(Outcome outcome, String variant) {
    Payment payment = newPayment();
    HistoryEntry entry =
        new HistoryEntry(
            1,
            PaymentState.CREATED,
            PaymentState.STARTED,
            outcome,
            TransitionSource.WEBHOOK,
            T0,
            "evt_1",
            null,
            null);

    TransitionResult result = TransitionResult.of(payment, entry);

    assertThat(result.getClass().getSimpleName()).isEqualTo(variant);
    assertThat(result.outcome()).isEqualTo(outcome);
    assertThat(result.payment()).isSameAs(payment);
    assertThat(result.entry()).isSameAs(entry);
    assertThat(result.appends()).isTrue();
  }

  @Test
  void a_repeat_is_the_one_result_that_does_not_append() {
    Payment payment = newPayment();
    HistoryEntry counted = payment.latest().repeatedAt(T0.plusSeconds(1));

    TransitionResult repeated = new TransitionResult.Repeated(payment, counted);

    assertThat(repeated.appends()).isFalse();
    assertThat(repeated.outcome()).isEqualTo(counted.outcome());
  }
}
