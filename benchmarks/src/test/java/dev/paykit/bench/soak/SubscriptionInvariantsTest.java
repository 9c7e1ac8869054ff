package dev.paykit.bench.soak;

import static dev.paykit.domain.subscription.SubscriptionEvent.CANCEL_AT_PERIOD_END;
import static dev.paykit.domain.subscription.SubscriptionEvent.NOTICE_SENT;
import static dev.paykit.domain.subscription.SubscriptionEvent.RENEWAL_PAID;
import static dev.paykit.domain.subscription.SubscriptionEvent.RENEWAL_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.bench.soak.SubscriptionInvariants.CycleRow;
import dev.paykit.bench.soak.SubscriptionInvariants.EntryRow;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.subscription.SubscriptionEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionInvariantsTest {

  private static EntryRow entry(long sequence, SubscriptionEvent e, long cycle) {
    return new EntryRow("sub_1", sequence, e, Outcome.APPLIED, cycle);
  }

  @Test
  void a_renewal_after_its_notice_and_before_any_cancellation_breaks_nothing() {
    List<EntryRow> life =
        List.of(
            entry(1, NOTICE_SENT, 2),
            entry(2, RENEWAL_STARTED, 2),
            entry(3, RENEWAL_PAID, 2),
            entry(4, CANCEL_AT_PERIOD_END, 3));
    assertThat(SubscriptionInvariants.chargesAfterCancellation(life).violations()).isZero();
    assertThat(SubscriptionInvariants.renewalsWithoutNotice(life).violations()).isZero();
  }

  @Test
  void a_renewal_without_its_cycles_notice_is_a_violation() {
    List<EntryRow> life = List.of(entry(1, NOTICE_SENT, 2), entry(2, RENEWAL_STARTED, 3));
    assertThat(SubscriptionInvariants.renewalsWithoutNotice(life).violations()).isEqualTo(1);
  }

  @Test
  void a_renewal_started_after_a_cancellation_is_a_violation() {
    List<EntryRow> life =
        List.of(
            entry(1, CANCEL_AT_PERIOD_END, 2),
            entry(2, NOTICE_SENT, 2),
            entry(3, RENEWAL_STARTED, 2));
    assertThat(SubscriptionInvariants.chargesAfterCancellation(life).violations()).isEqualTo(1);
  }

  @Test
  void a_rejected_entry_counts_for_nothing() {
    List<EntryRow> life = List.of(new EntryRow("sub_1", 1, RENEWAL_STARTED, Outcome.REJECTED, 2));
    assertThat(SubscriptionInvariants.renewalsWithoutNotice(life).violations()).isZero();
  }

  @Test
  void two_paid_payments_of_a_cycle_or_a_key_charged_twice_are_violations() {
    assertThat(
            SubscriptionInvariants.cyclesChargedTwice(
                    List.of(
                        new CycleRow("sub_1", 2, 1, List.of(0, 1)),
                        new CycleRow("sub_1", 3, 2, List.of(1, 1)),
                        new CycleRow("sub_2", 2, 1, List.of(2))))
                .violations())
        .isEqualTo(2);
  }
}
