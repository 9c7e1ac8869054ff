package dev.paykit.adapter.jdbc;

import static dev.paykit.testkit.PaymentSamples.created;
import static dev.paykit.testkit.PaymentSamples.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.port.shared.PaymentQuery;
import dev.paykit.testkit.PaymentSamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;

/** What the JDBC stores add to the port contracts: microsecond instants and database details. */
abstract class StoreDetailsContract {
  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private static final Duration CLAIM = Duration.ofSeconds(30);
  private static final String SECRET = "sk_live_51HkDq2ExampleSecretValue";

  protected abstract TestDatabase database();

  private PaymentStore payments() {
    return database().first(PaymentStore.class);
  }

  private WebhookInbox inbox() {
    return database().first(WebhookInbox.class);
  }

  @Test
  void instants_are_stored_truncated_to_whole_microseconds() {
    Instant fine = T0.plusNanos(789);
    Payment payment = created("pay_fine", "order-fine", fine);
    payments().insert(payment);

    Payment read = payments().findById(payment.id()).orElseThrow();

    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.updatedAt()).isEqualTo(T0);
    assertThat(read.latest().at()).isEqualTo(T0);
    assertThat(payments().history(payment.id())).extracting(HistoryEntry::at).containsExactly(T0);
  }

  @Test
  void an_inbox_bound_finer_than_a_microsecond_compares_as_the_exact_instant_would() {
    InboxEvent event = InboxEvent.received(new EventId("evt_1"), "t", "{}", T0);
    inbox().insert(event);

    assertThat(inbox().claim(T0.minusNanos(1), 1, CLAIM)).isEmpty();
    InboxEvent claimed = inbox().claim(T0.plusNanos(1), 1, CLAIM).get(0);
    Instant processedAt = T0.plusSeconds(1);
    inbox().markProcessed(claimed, processedAt);

    assertThat(inbox().purgeProcessed(processedAt)).isZero();
    assertThat(inbox().purgeProcessed(processedAt.plusNanos(1))).isEqualTo(1);
  }

  @Test
  void payment_bounds_finer_than_a_microsecond_compare_as_the_exact_instant_would() {
    Payment early = created("pay_early", "order-early", T0);
    Payment late = created("pay_late", "order-late", T0.plus(1, ChronoUnit.MICROS));
    payments().insert(early);
    payments().insert(late);
    EnumSet<PaymentState> created = EnumSet.of(PaymentState.CREATED);

    assertThat(
            payments()
                .list(PaymentQuery.all().createdBetween(T0.plusNanos(1), T0.plusSeconds(1)))
                .items())
        .containsExactly(late);
    assertThat(
            payments()
                .list(PaymentQuery.all().createdBetween(T0.minusSeconds(1), T0.plusNanos(1)))
                .items())
        .containsExactly(early);
    assertThat(payments().findStale(created, T0, 10)).isEmpty();
    assertThat(payments().findStale(created, T0.plusNanos(1), 10)).containsExactly(early);
  }

  @Test
  void any_number_of_ended_attempts_of_an_order_sit_beside_its_one_active_payment() {
    Payment failed = endedAttempt("pay_1", PaymentState.FAILED);
    Payment cancelled = endedAttempt("pay_2", PaymentState.CANCELLED);
    Payment expired = endedAttempt("pay_3", PaymentState.EXPIRED);
    Payment active = created("pay_4", "order-1", T0.plusSeconds(4));
    payments().insert(active);

    assertThatThrownBy(() -> payments().insert(created("pay_5", "order-1", T0.plusSeconds(5))))
        .isInstanceOfSatisfying(
            StoreConflictException.class,
            e ->
                assertThat(e.kind())
                    .isEqualTo(StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER));
    assertThat(payments().findByExternalId(new ExternalId("order-1")))
        .containsExactly(failed, cancelled, expired, active);
  }

  @Test
  void a_repeat_noted_at_a_finer_instant_keeps_the_whole_microseconds_and_the_later_time() {
    Payment payment = created("pay_1", "order-1", T0);
    payments().insert(payment);
    HistoryEntry once = payment.latest().repeatedAt(T0.plusSeconds(5).plusNanos(789));
    // Said again at an earlier time, as a late report noted by another instance would be.
    HistoryEntry earlier = payment.latest().repeatedAt(T0.plusSeconds(3));

    assertThat(payments().countRepeat(payment.id(), once)).isTrue();
    assertThat(payments().countRepeat(payment.id(), earlier)).isTrue();

    HistoryEntry stored = payments().findById(payment.id()).orElseThrow().latest();
    assertThat(stored.repeats()).isEqualTo(2);
    assertThat(stored.lastSeenAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void a_payment_read_during_an_update_shows_the_history_of_the_version_it_read() {
    Payment payment = created("pay_1", "order-1", T0);
    payments().insert(payment);
    // What a reader sees if an update commits between its two reads: the row at version 0, the
    // history already at version 1.
    database()
        .jdbi()
        .useHandle(
            handle ->
                handle.execute(
                    "insert into payment_history (payment_id, sequence_no, from_state, reported,"
                        + " outcome, source, occurred_at) values ('pay_1', 1, 'CREATED',"
                        + " 'SUBMITTED', 'APPLIED', 'LOCAL', current_timestamp)"));

    assertThat(payments().findById(payment.id())).contains(payment);
    assertThat(payments().history(payment.id())).containsExactly(payment.latest());
  }

  @Test
  void an_update_that_does_not_raise_the_version_is_refused_as_a_mistake() {
    Payment payment = created("pay_1", "order-1", T0);
    payments().insert(payment);

    assertThatThrownBy(() -> payments().update(payment, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must raise the version");
    assertThat(payments().findById(payment.id())).contains(payment);
  }

  @Test
  void an_update_that_skips_a_version_is_refused_as_a_mistake() {
    Payment payment = created("pay_1", "order-1", T0);
    payments().insert(payment);
    Payment submitted = moved(payment, PaymentState.SUBMITTED, T0.plusSeconds(1));
    Payment started = moved(submitted, PaymentState.STARTED, T0.plusSeconds(2));

    assertThatThrownBy(() -> payments().update(started, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must raise the version by one");
    assertThat(payments().findById(payment.id())).contains(payment);
  }

  @Test
  void a_failed_statement_quotes_neither_itself_nor_its_bound_values() {
    InboxEvent tooLongAType =
        InboxEvent.received(
            new EventId("evt_1"), "t".repeat(300), "{\"card\":\"" + SECRET + "\"}", T0);

    Throwable failure = catchThrowable(() -> inbox().insert(tooLongAType));

    assertThat(failure)
        .isInstanceOf(JdbiException.class)
        .hasMessageStartingWith("a statement on Paykit's tables failed")
        .hasMessageContaining("SQLState 22001")
        .hasMessageContaining("(statement and bound values withheld)");
    assertThat(failure.getMessage()).doesNotContain("insert into").doesNotContain("{\"card\"");
    assertThat(printed(failure)).doesNotContain(SECRET);
  }

  @Test
  void a_refused_payment_quotes_none_of_its_metadata_and_names_the_constraint() {
    Payment payment =
        Payment.create(
            new PaymentId("pay_1"),
            IdempotencyKey.of("key-pay_1"),
            new PaymentRequest(
                new ExternalId("order-1"),
                PaymentSamples.AMOUNT,
                null,
                Metadata.of(Map.of("apiKey", SECRET)),
                ReturnUrls.of("https://shop.example/return", "https://shop.example/cancel"),
                null),
            T0);
    payments().insert(payment);

    Throwable failure = catchThrowable(() -> payments().insert(payment));

    // Which of its unique constraints counts first is the store's business: here the id.
    assertThat(failure)
        .isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("(payments_pk)");
    assertThat(printed(failure)).doesNotContain(SECRET);
  }

  /** Everything a log line shows of {@code failure}: messages and stack traces of every cause. */
  static String printed(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  private Payment endedAttempt(String id, PaymentState ended) {
    Payment payment = created(id, "order-1", T0);
    payments().insert(payment);
    Payment moved = moved(payment, ended, T0.plusSeconds(1));
    assertThat(payments().update(moved, 0)).isTrue();
    return moved;
  }
}
