package dev.paykit.domain.payment;

import static dev.paykit.domain.payment.PaymentFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class HistoryEntryTest {

  @Test
  void requires_what_was_reported_its_outcome_its_source_and_its_time() {
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1, null, null, Outcome.APPLIED, TransitionSource.LOCAL, T0, null, null, null))
        .withMessage("reported");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1,
                    null,
                    PaymentState.STARTED,
                    null,
                    TransitionSource.LOCAL,
                    T0,
                    null,
                    null,
                    null))
        .withMessage("outcome");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1, null, PaymentState.STARTED, Outcome.APPLIED, null, T0, null, null, null))
        .withMessage("source");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new HistoryEntry(
                    1,
                    null,
                    PaymentState.STARTED,
                    Outcome.APPLIED,
                    TransitionSource.LOCAL,
                    null,
                    null,
                    null,
                    null))
        .withMessage("at");
  }

  @Test
  void exposes_the_provider_ids_as_optionals() {
    HistoryEntry entry =
        new HistoryEntry(
            3,
            PaymentState.STARTED,
            PaymentState.SUCCEEDED,
            Outcome.APPLIED,
            TransitionSource.WEBHOOK,
            T0,
            "evt_1",
            "req_1",
            null);

    assertThat(entry.providerEventId()).contains("evt_1");
    assertThat(entry.providerRequestId()).contains("req_1");
  }
}
