package dev.paykit.testkit;

import static dev.paykit.testkit.ConflictAssertions.assertConflict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeHistoryEntry;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeReport;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.DisputeStep;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.testkit.Concurrently.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link DisputeStore}. An implementation's test extends this class and
 * supplies an empty store per test with {@link #newStore()}; a store shared by several processes
 * also overrides {@link #secondInstance()}, and the concurrency case then races the two.
 */
public abstract class DisputeStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private static final PaymentId PAYMENT = new PaymentId("pay_disputed");
  private static final TransactionId TX = new TransactionId("tx_disputed");

  private DisputeStore store;
  private DisputeStore second;

  /** A store holding no disputes, called before every test. */
  protected abstract DisputeStore newStore();

  /**
   * Another instance over the same data as the store {@link #newStore()} just returned, as a second
   * process would have it. Called right after {@code newStore()}; the default is that same store.
   */
  protected DisputeStore secondInstance() {
    return store;
  }

  @BeforeEach
  final void createStores() {
    store = newStore();
    second = secondInstance();
  }

  @Test
  void an_opened_dispute_is_stored_with_its_first_timeline_entry() {
    Dispute dispute = opened("dp_1", PAYMENT, DisputeReason.FRAUDULENT, T0);

    store.insert(dispute);

    assertThat(second.findById(dispute.id())).contains(dispute);
    assertThat(second.history(dispute.id())).containsExactly(dispute.latest());
    assertThat(second.findById(new DisputeId("dp_unknown"))).isEmpty();
    assertThat(second.history(new DisputeId("dp_unknown"))).isEmpty();
  }

  @Test
  void a_dispute_id_is_stored_once() {
    store.insert(opened("dp_1", PAYMENT, DisputeReason.FRAUDULENT, T0));

    assertConflict(
        () -> second.insert(opened("dp_1", PAYMENT, DisputeReason.OTHER, T0.plusSeconds(1))),
        StoreConflictException.Kind.DUPLICATE_ID);
    assertThat(store.findById(new DisputeId("dp_1")).orElseThrow().reason())
        .isEqualTo(DisputeReason.FRAUDULENT);
  }

  @Test
  void a_step_is_written_with_its_entry_only_over_the_version_it_was_made_from() {
    Dispute dispute = opened("dp_1", PAYMENT, DisputeReason.FRAUDULENT, T0);
    store.insert(dispute);
    DisputeStep review = report(dispute, DisputeState.UNDER_REVIEW, "evt_2", T0.plusSeconds(5));
    DisputeStep lost = report(dispute, DisputeState.LOST, "evt_3", T0.plusSeconds(6));

    assertThat(store.write(review, 0)).isTrue();
    assertThat(second.write(lost, 0)).isFalse();

    assertThat(second.findById(dispute.id())).contains(review.dispute());
    assertThat(second.history(dispute.id())).containsExactly(dispute.latest(), review.entry());
  }

  @Test
  void a_timeline_keeps_every_entry_in_order_with_all_its_facts() {
    Dispute dispute = opened("dp_1", PAYMENT, DisputeReason.FRAUDULENT, T0);
    store.insert(dispute);
    DisputeStep review = report(dispute, DisputeState.UNDER_REVIEW, "evt_2", T0.plusSeconds(5));
    store.write(review, 0);
    DisputeStep stale =
        report(review.dispute(), DisputeState.NEEDS_RESPONSE, "evt_1", T0.plusSeconds(6));
    store.write(stale, 1);
    DisputeStep won = report(stale.dispute(), DisputeState.WON, "evt_4", T0.plusSeconds(7));
    store.write(won, 2);

    List<DisputeHistoryEntry> timeline = second.history(dispute.id());

    assertThat(timeline)
        .containsExactly(dispute.latest(), review.entry(), stale.entry(), won.entry());
    assertThat(second.findById(dispute.id())).contains(won.dispute());
  }

  @Test
  void the_disputes_of_a_payment_come_oldest_first() {
    Dispute later = opened("dp_b", PAYMENT, DisputeReason.DUPLICATE, T0.plusSeconds(10));
    Dispute earlier = opened("dp_a", PAYMENT, DisputeReason.FRAUDULENT, T0);
    Dispute other = opened("dp_c", new PaymentId("pay_other"), DisputeReason.OTHER, T0);
    store.insert(later);
    store.insert(earlier);
    store.insert(other);

    assertThat(second.findByPaymentId(PAYMENT)).containsExactly(earlier, later);
    assertThat(second.findByPaymentId(new PaymentId("pay_none"))).isEmpty();
  }

  @Test
  void disputes_without_news_are_found_by_state_oldest_news_first_and_a_look_up_is_news() {
    Dispute quiet = opened("dp_1", PAYMENT, DisputeReason.FRAUDULENT, T0);
    Dispute quieter = opened("dp_2", PAYMENT, DisputeReason.FRAUDULENT, T0.minusSeconds(60));
    Dispute recent = opened("dp_3", PAYMENT, DisputeReason.FRAUDULENT, T0.plusSeconds(3600));
    store.insert(quiet);
    store.insert(quieter);
    store.insert(recent);
    Instant quietBefore = T0.plusSeconds(60);

    assertThat(second.findStale(EnumSet.of(DisputeState.NEEDS_RESPONSE), quietBefore, 10))
        .extracting(Dispute::id)
        .containsExactly(quieter.id(), quiet.id());
    assertThat(second.findStale(EnumSet.of(DisputeState.NEEDS_RESPONSE), quietBefore, 1))
        .extracting(Dispute::id)
        .containsExactly(quieter.id());
    assertThat(second.findStale(EnumSet.of(DisputeState.UNDER_REVIEW), quietBefore, 10)).isEmpty();

    assertThat(store.recordLookUp(quieter.id(), T0.plusSeconds(120))).isTrue();
    assertThat(store.recordLookUp(new DisputeId("dp_unknown"), T0)).isFalse();
    assertThat(second.findStale(EnumSet.of(DisputeState.NEEDS_RESPONSE), quietBefore, 10))
        .extracting(Dispute::id)
        .containsExactly(quiet.id());
    assertThat(second.findById(quieter.id()).orElseThrow().version()).isZero();
    assertThat(second.history(quieter.id())).hasSize(1);
  }

  @Test
  void a_reminder_is_due_only_for_a_dispute_needing_a_response_with_nothing_sent_or_raised() {
    Dispute due = opened("dp_due", PAYMENT, DisputeReason.FRAUDULENT, T0);
    Dispute notYet = opened("dp_later", PAYMENT, DisputeReason.FRAUDULENT, T0.plusSeconds(86_400));
    Dispute reviewed = opened("dp_review", PAYMENT, DisputeReason.FRAUDULENT, T0);
    Dispute reminded = opened("dp_reminded", PAYMENT, DisputeReason.FRAUDULENT, T0);
    store.insert(due);
    store.insert(notYet);
    store.insert(reviewed);
    store.insert(reminded);
    store.write(report(reviewed, DisputeState.UNDER_REVIEW, "evt_r", T0.plusSeconds(1)), 0);
    store.write(
        reminded.remindIfDue(reminded.evidenceDueBy(), Duration.ofHours(48)).orElseThrow(), 0);

    assertThat(second.findReminderDue(due.evidenceDueBy(), 10))
        .extracting(Dispute::id)
        .containsExactly(due.id());
    assertThat(second.findReminderDue(notYet.evidenceDueBy(), 10))
        .extracting(Dispute::id)
        .containsExactly(due.id(), notYet.id());
    assertThat(second.findById(reminded.id()).orElseThrow().reminderSent()).isPresent();
  }

  @Test
  void disputes_are_counted_by_state_and_reason() {
    store.insert(opened("dp_1", PAYMENT, DisputeReason.FRAUDULENT, T0));
    store.insert(opened("dp_2", PAYMENT, DisputeReason.FRAUDULENT, T0));
    Dispute won = opened("dp_3", PAYMENT, DisputeReason.DUPLICATE, T0);
    store.insert(won);
    store.write(report(won, DisputeState.WON, "evt_w", T0.plusSeconds(1)), 0);

    assertThat(second.countByStateAndReason())
        .isEqualTo(
            Map.of(
                DisputeState.NEEDS_RESPONSE,
                Map.of(DisputeReason.FRAUDULENT, 2L),
                DisputeState.WON,
                Map.of(DisputeReason.DUPLICATE, 1L)));
  }

  @Test
  void of_concurrent_writers_of_one_version_exactly_one_wins() {
    Dispute dispute = opened("dp_1", PAYMENT, DisputeReason.FRAUDULENT, T0);
    store.insert(dispute);

    List<Attempt<Boolean>> attempts =
        Concurrently.run(
            8,
            i ->
                () ->
                    (i % 2 == 0 ? store : second)
                        .write(
                            report(
                                dispute, DisputeState.UNDER_REVIEW, "evt_" + i, T0.plusSeconds(i)),
                            0));

    assertThat(attempts).allMatch(Attempt::succeeded);
    assertThat(attempts).filteredOn(Attempt::value).hasSize(1);
    assertThat(store.history(dispute.id())).hasSize(2);
  }

  /** A dispute of EUR 10.50 opened by a webhook at {@code at}, its evidence due 7 days later. */
  private static Dispute opened(String id, PaymentId payment, DisputeReason reason, Instant at) {
    ProviderDispute said =
        new ProviderDispute(
            new DisputeId(id),
            TX,
            Money.of(1050, "EUR"),
            reason,
            DisputeState.NEEDS_RESPONSE,
            at.plus(Duration.ofDays(7)),
            at,
            at);
    return Dispute.open(payment, DisputeReport.fromWebhook(said, "evt_open_" + id), at);
  }

  private static DisputeStep report(
      Dispute dispute, DisputeState state, String eventId, Instant at) {
    ProviderDispute said =
        new ProviderDispute(
            dispute.id(),
            dispute.transactionId(),
            dispute.amount(),
            dispute.reason(),
            state,
            dispute.evidenceDueBy(),
            dispute.createdAt(),
            at);
    return dispute.apply(DisputeReport.fromWebhook(said, eventId), at);
  }
}
