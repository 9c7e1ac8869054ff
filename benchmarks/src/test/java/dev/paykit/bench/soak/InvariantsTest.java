package dev.paykit.bench.soak;

import static dev.paykit.domain.payment.Outcome.APPLIED;
import static dev.paykit.domain.payment.Outcome.DUPLICATE;
import static dev.paykit.domain.payment.Outcome.STALE;
import static dev.paykit.domain.payment.PaymentState.CREATED;
import static dev.paykit.domain.payment.PaymentState.IN_PROGRESS;
import static dev.paykit.domain.payment.PaymentState.STARTED;
import static dev.paykit.domain.payment.PaymentState.SUBMITTED;
import static dev.paykit.domain.payment.PaymentState.SUCCEEDED;
import static dev.paykit.domain.payment.TransitionSource.LOCAL;
import static dev.paykit.domain.payment.TransitionSource.LOOKUP;
import static dev.paykit.domain.payment.TransitionSource.PROVIDER_RESPONSE;
import static dev.paykit.domain.payment.TransitionSource.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.bench.soak.Invariants.Check;
import dev.paykit.bench.soak.Invariants.HistoryRow;
import dev.paykit.bench.soak.Invariants.InboxRow;
import dev.paykit.bench.soak.Invariants.LocalPayment;
import dev.paykit.bench.soak.Invariants.ProviderRow;
import dev.paykit.domain.payment.PaymentState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvariantsTest {

  /** A paid checkout as it should end: created, started, in progress and paid by two webhooks. */
  private static List<HistoryRow> paid(String id) {
    return List.of(
        new HistoryRow(id, 0, null, CREATED, APPLIED, LOCAL, null, 0),
        new HistoryRow(id, 1, CREATED, STARTED, APPLIED, PROVIDER_RESPONSE, null, 0),
        new HistoryRow(id, 2, STARTED, IN_PROGRESS, APPLIED, WEBHOOK, "evt_" + id + "_a", 0),
        new HistoryRow(id, 3, IN_PROGRESS, SUCCEEDED, APPLIED, WEBHOOK, "evt_" + id + "_b", 0));
  }

  private static LocalPayment local(String id, PaymentState state) {
    return new LocalPayment(id, "key-" + id, "order-" + id, state, "tx_" + id);
  }

  private static ProviderRow provider(String id, String status, String reason) {
    return new ProviderRow("tx_" + id, "key-" + id, "order-" + id, status, reason);
  }

  private static Invariants.Data data(
      List<LocalPayment> payments, List<HistoryRow> history, List<ProviderRow> provider) {
    return new Invariants.Data(
        payments,
        history,
        provider,
        Map.of(),
        List.of(new InboxRow("evt_p1_a", "PROCESSED"), new InboxRow("evt_p1_b", "PROCESSED")),
        Set.of(),
        0);
  }

  @Test
  void a_clean_run_holds_every_invariant() {
    List<Check> checks =
        Invariants.check(
            data(
                List.of(local("p1", SUCCEEDED)),
                paid("p1"),
                List.of(provider("p1", "confirmed", null))));

    assertThat(checks).hasSize(8).allSatisfy(c -> assertThat(c.holds()).isTrue());
  }

  @Test
  void two_provider_payments_for_one_key_or_two_confirmed_for_one_order_are_double_charges() {
    List<ProviderRow> provider =
        List.of(
            new ProviderRow("tx_1", "key-a", "order-1", "confirmed", null),
            new ProviderRow("tx_2", "key-b", "order-1", "confirmed", null),
            new ProviderRow("tx_3", "key-c", "order-2", "confirmed", null),
            new ProviderRow("tx_4", "key-d", "order-2", "cancelled", "declined"));

    Check check = Invariants.chargedTwice(Map.of("key-a", 1, "key-e", 2), provider);

    assertThat(check.violations()).isEqualTo(2);
    assertThat(check.examples())
        .containsExactlyInAnyOrder(
            "key key-e: 2 provider payments", "order order-1: 2 confirmed payments");
  }

  @Test
  void a_provider_payment_without_a_local_one_is_unknown() {
    Check check =
        Invariants.unknownLocally(
            List.of(provider("p1", "confirmed", null), provider("p2", "started", null)),
            List.of(local("p1", SUCCEEDED)));

    assertThat(check.violations()).isEqualTo(1);
    assertThat(check.examples()).containsExactly("tx_p2 (order order-p2, started)");
  }

  @Test
  void only_succeeded_failed_cancelled_and_expired_are_terminal() {
    Check check =
        Invariants.notTerminal(
            List.of(
                local("p1", SUCCEEDED),
                local("p2", SUBMITTED),
                local("p3", PaymentState.EXPIRED),
                local("p4", IN_PROGRESS)));

    assertThat(check.violations()).isEqualTo(2);
  }

  @Test
  void stale_and_duplicate_reports_are_legal_history() {
    List<HistoryRow> history = new ArrayList<>(paid("p1"));
    history.add(new HistoryRow("p1", 4, SUCCEEDED, IN_PROGRESS, STALE, WEBHOOK, "evt_late", 0));
    history.add(new HistoryRow("p1", 5, SUCCEEDED, SUCCEEDED, DUPLICATE, LOOKUP, null, 3));

    assertThat(Invariants.illegalTransitions(List.of(local("p1", SUCCEEDED)), history).holds())
        .isTrue();
  }

  @Test
  void a_move_out_of_a_terminal_state_is_illegal() {
    List<HistoryRow> history = new ArrayList<>(paid("p1"));
    history.add(
        new HistoryRow("p1", 4, SUCCEEDED, PaymentState.CANCELLED, APPLIED, WEBHOOK, "evt_x", 0));

    Check check =
        Invariants.illegalTransitions(List.of(local("p1", PaymentState.CANCELLED)), history);

    assertThat(check.violations()).isEqualTo(1);
    assertThat(check.examples()).containsExactly("p1 #4 applied SUCCEEDED → CANCELLED");
  }

  @Test
  void a_broken_chain_a_gap_or_a_stored_state_the_history_does_not_end_in_is_illegal() {
    List<HistoryRow> history =
        List.of(
            new HistoryRow("p1", 0, null, CREATED, APPLIED, LOCAL, null, 0),
            new HistoryRow("p1", 2, STARTED, SUCCEEDED, APPLIED, WEBHOOK, "evt_b", 0));

    Check check = Invariants.illegalTransitions(List.of(local("p1", IN_PROGRESS)), history);

    assertThat(check.examples())
        .containsExactly(
            "p1 #2 out of sequence (expected #1)",
            "p1 #2 starts from STARTED but the payment was CREATED",
            "p1 is stored IN_PROGRESS, its history ends SUCCEEDED");
  }

  @Test
  void a_history_must_start_with_the_creation() {
    Check check =
        Invariants.illegalTransitions(
            List.of(local("p1", STARTED)),
            List.of(new HistoryRow("p1", 0, null, STARTED, APPLIED, LOCAL, null, 0)));

    assertThat(check.examples()).containsExactly("p1 #0 applied null → STARTED");
  }

  @Test
  void an_event_id_twice_in_the_histories_was_processed_twice() {
    List<HistoryRow> history = new ArrayList<>(paid("p1"));
    history.add(new HistoryRow("p1", 4, SUCCEEDED, SUCCEEDED, DUPLICATE, WEBHOOK, "evt_p1_b", 0));

    Check check = Invariants.processedTwice(history, processed("evt_p1_a", "evt_p1_b"));

    assertThat(check.examples()).contains("evt_p1_b applied 2 times");
  }

  @Test
  void an_event_applied_again_as_a_counted_repeat_makes_more_webhook_reports_than_events() {
    List<HistoryRow> history = new ArrayList<>(paid("p1"));
    history.add(new HistoryRow("p1", 4, SUCCEEDED, SUCCEEDED, DUPLICATE, WEBHOOK, "evt_p1_c", 1));

    Check check = Invariants.processedTwice(history, processed("evt_p1_a", "evt_p1_b", "evt_p1_c"));

    assertThat(check.violations()).isEqualTo(1);
    assertThat(check.examples())
        .containsExactly("4 webhook reports in the histories for 3 processed events");
  }

  @Test
  void repeats_of_webhook_events_each_processed_once_and_of_look_ups_are_no_double_processing() {
    List<HistoryRow> history = new ArrayList<>(paid("p1"));
    history.add(new HistoryRow("p1", 4, SUCCEEDED, SUCCEEDED, DUPLICATE, WEBHOOK, "evt_p1_c", 2));
    history.add(new HistoryRow("p1", 5, SUCCEEDED, SUCCEEDED, DUPLICATE, LOOKUP, null, 7));

    Check check =
        Invariants.processedTwice(
            history, processed("evt_p1_a", "evt_p1_b", "evt_p1_c", "evt_p1_d", "evt_p1_e"));

    assertThat(check.holds()).isTrue();
  }

  private static List<InboxRow> processed(String... eventIds) {
    List<InboxRow> rows = new ArrayList<>();
    for (String id : eventIds) {
      rows.add(new InboxRow(id, "PROCESSED"));
    }
    return rows;
  }

  @Test
  void a_forgery_in_the_inbox_or_answered_as_accepted_was_accepted() {
    Check check =
        Invariants.forgedOrReplayedAccepted(
            List.of(new InboxRow("evt_forged_1", "PENDING"), new InboxRow("evt_real", "PROCESSED")),
            Set.of("evt_forged_1", "evt_forged_2"),
            1);

    assertThat(check.violations()).isEqualTo(2);
  }

  @Test
  void a_final_state_other_than_the_providers_last_word_is_a_disagreement() {
    Check check =
        Invariants.disagreeWithProvider(
            List.of(
                local("p1", SUCCEEDED),
                local("p2", PaymentState.CANCELLED),
                local("p3", PaymentState.FAILED),
                local("p4", STARTED)),
            List.of(
                provider("p1", "confirmed", null),
                provider("p2", "cancelled", "declined"),
                provider("p3", "cancelled", "fraud_suspected"),
                provider("p4", "inprogress", null)));

    assertThat(check.violations()).isEqualTo(1);
    assertThat(check.examples()).containsExactly("p2 is CANCELLED, the provider says FAILED");
  }

  @Test
  void an_inbox_event_not_processed_is_reported() {
    Check check =
        Invariants.notProcessed(
            List.of(new InboxRow("evt_1", "PROCESSED"), new InboxRow("evt_2", "DEAD")));

    assertThat(check.violations()).isEqualTo(1);
    assertThat(check.examples()).containsExactly("evt_2 is DEAD");
  }

  @Test
  void at_most_five_examples_are_kept() {
    List<LocalPayment> open = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      open.add(local("p" + i, STARTED));
    }

    Check check = Invariants.notTerminal(open);

    assertThat(check.violations()).isEqualTo(8);
    assertThat(check.examples()).hasSize(5);
  }
}
