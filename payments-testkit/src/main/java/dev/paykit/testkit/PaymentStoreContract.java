package dev.paykit.testkit;

import static dev.paykit.testkit.ConflictAssertions.assertConflict;
import static dev.paykit.testkit.ConflictAssertions.assertConflictKind;
import static dev.paykit.testkit.PaymentSamples.created;
import static dev.paykit.testkit.PaymentSamples.moved;
import static dev.paykit.testkit.PaymentSamples.providerPayment;
import static dev.paykit.testkit.PaymentSamples.request;
import static dev.paykit.testkit.PaymentSamples.transactionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Charging;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentMethodId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.shared.PageCursor;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import dev.paykit.testkit.Concurrently.Attempt;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The executable contract of {@link PaymentStore}. An implementation's test extends this class and
 * supplies an empty store per test with {@link #newStore()}; a store shared by several processes
 * also overrides {@link #secondInstance()}, and the concurrency cases then race the two.
 *
 * <p>A payment is read with its latest history entry ({@link Payment#latest()}); the trail, oldest
 * first and with each entry's repeats, comes from {@link PaymentStore#history}. Instants have
 * microsecond precision, which is what databases keep.
 */
public abstract class PaymentStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private static final ProviderName PSP_A = ProviderName.of("psp-a");
  private static final ProviderName PSP_B = ProviderName.of("psp-b");
  private static final int RACERS = 16;

  private PaymentStore store;
  private PaymentStore second;

  /**
   * A store holding no payments, called before every test (a database-backed store may clear its
   * tables here).
   */
  protected abstract PaymentStore newStore();

  /**
   * Another instance over the same data as the store {@link #newStore()} just returned, as a second
   * process would have it (for a database: a store on a second connection pool). Called right after
   * {@code newStore()}; the default is that same store.
   */
  protected PaymentStore secondInstance() {
    return store();
  }

  /** The store {@link #newStore()} returned for the running test. */
  protected final PaymentStore store() {
    return store;
  }

  @BeforeEach
  final void createStores() {
    store = newStore();
    second = secondInstance();
  }

  @Test
  void a_payment_round_trips_with_every_field_and_history_entry_intact() {
    PaymentRequest rich =
        new PaymentRequest(
            new ExternalId("order-ünï-8812"),
            Money.of(123_456, "EUR"),
            "Zwei Konzertkarten – Reihe 7 ✓",
            Metadata.of(Map.of("cartId", "c-19", "note", "a=b; c&d \"ünï\"", "empty", "")),
            new ReturnUrls(
                URI.create("https://shop.example/pay/return?order=8812&lang=de"),
                URI.create("http://127.0.0.1:8080/pay/cancel")),
            Duration.ofMinutes(30));
    Payment created =
        Payment.create(new PaymentId("pay_rich"), IdempotencyKey.of("key-rich"), rich, T0);
    store.insert(created);
    assertThat(second.findById(created.id())).contains(created);

    TransactionId tx = new TransactionId("tx_rich");
    Instant acceptedAt = T0.plus(250, ChronoUnit.MICROS);
    Payment accepted =
        created
            .apply(
                ProviderReport.fromCreateResponse(
                    said(created, tx, ProviderStatus.STARTED, rich.amount(), null, acceptedAt),
                    "req_create_1"),
                acceptedAt)
            .payment();
    assertThat(store.update(accepted, 0)).isTrue();

    Instant wrongAt = T0.plusSeconds(2);
    Payment withRejectedReport =
        accepted
            .apply(
                ProviderReport.fromWebhook(
                    said(created, tx, ProviderStatus.CONFIRMED, Money.of(1, "EUR"), null, wrongAt),
                    "evt_wrong_amount"),
                wrongAt)
            .payment();
    assertThat(store.update(withRejectedReport, 1)).isTrue();

    Instant declinedAt = T0.plusSeconds(3).plus(7, ChronoUnit.MICROS);
    Failure declined =
        new Failure(FailureReason.DECLINED, DeclineCode.INSUFFICIENT_FUNDS, "issuer: not today");
    Payment failed =
        withRejectedReport
            .apply(
                ProviderReport.fromWebhook(
                    said(created, tx, ProviderStatus.DECLINED, rich.amount(), declined, declinedAt),
                    "evt_declined"),
                declinedAt)
            .payment();
    assertThat(store.update(failed, 2)).isTrue();

    assertThat(store.findById(created.id())).contains(failed);
    assertThat(second.findById(created.id())).contains(failed);
    assertThat(second.history(created.id()))
        .containsExactly(
            created.latest(), accepted.latest(), withRejectedReport.latest(), failed.latest())
        .extracting(HistoryEntry::outcome)
        .containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.REJECTED, Outcome.APPLIED);
  }

  @Test
  void how_a_payment_is_charged_round_trips_so_a_lost_renewal_is_sent_again_as_it_was() {
    CustomerId customer = new CustomerId("cust-1");
    Payment saving =
        Payment.create(
            new PaymentId("pay_save"),
            IdempotencyKey.of("key-save"),
            PaymentSamples.request("sub-signup")
                .chargedBy(new Charging.CheckoutSavingMethod(customer)),
            T0);
    Payment renewal =
        Payment.create(
            new PaymentId("pay_renew"),
            IdempotencyKey.of("key-renew"),
            PaymentSamples.request("sub-renewal")
                .chargedBy(new Charging.OffSession(customer, new PaymentMethodId("pm_1"))),
            T0);
    store.insert(saving);
    store.insert(renewal);

    assertThat(second.findById(saving.id()).orElseThrow().request()).isEqualTo(saving.request());
    assertThat(second.findById(renewal.id()).orElseThrow().request()).isEqualTo(renewal.request());
  }

  @Test
  void a_repeated_entry_round_trips_with_its_count_and_the_time_it_was_last_seen() {
    Payment started = stored("pay_1", "order-1", T0, PaymentState.STARTED, T0.plusSeconds(1));
    Instant lastSeen = T0.plusSeconds(9).plus(17, ChronoUnit.MICROS);
    HistoryEntry repeated = started.latest().repeatedAt(lastSeen);

    assertThat(store.countRepeat(started.id(), repeated)).isTrue();

    assertThat(second.findById(started.id()))
        .hasValueSatisfying(
            read -> {
              assertThat(read.latest()).isEqualTo(repeated);
              assertThat(read.latest().repeats()).isEqualTo(1);
              assertThat(read.latest().lastSeenAt()).isEqualTo(lastSeen);
            });
    assertThat(second.history(started.id())).last().isEqualTo(repeated);
  }

  @Test
  void amounts_keep_their_currency_and_minor_units() {
    Payment yen =
        Payment.create(
            new PaymentId("pay_jpy"),
            IdempotencyKey.of("key-jpy"),
            request("order-jpy", Money.of(500, "JPY")),
            T0);
    Payment dinar =
        Payment.create(
            new PaymentId("pay_bhd"),
            IdempotencyKey.of("key-bhd"),
            request("order-bhd", Money.of(1_234, "BHD")),
            T0);
    store.insert(yen);
    store.insert(dinar);

    assertThat(second.findById(yen.id())).contains(yen);
    assertThat(second.findById(dinar.id())).contains(dinar);
  }

  @Test
  void a_payment_is_read_at_the_provider_it_was_created_at() {
    Payment payment = atProvider("pay_1", "order-1", PSP_B);
    store.insert(payment);

    assertThat(second.findById(payment.id()).orElseThrow().provider()).isEqualTo(PSP_B);
    assertThat(second.findByIdempotencyKey(payment.idempotencyKey()).orElseThrow().provider())
        .isEqualTo(PSP_B);
  }

  @Test
  void a_failover_moves_the_payment_to_the_next_provider_with_an_entry_saying_why() {
    Payment payment = atProvider("pay_1", "order-1", PSP_A);
    store.insert(payment);
    Payment moved =
        payment.failOver(PSP_B, "connection refused", T0.plusSeconds(1)).orElseThrow().payment();

    assertThat(second.update(moved, 0)).isTrue();

    assertThat(store.findById(payment.id())).contains(moved);
    assertThat(store.findById(payment.id()).orElseThrow().provider()).isEqualTo(PSP_B);
    assertThat(store.history(payment.id()))
        .last()
        .satisfies(entry -> assertThat(entry.detail()).contains("psp-a", "psp-b"));
    assertThat(store.update(moved, 0)).as("the move is version-checked").isFalse();
  }

  @Test
  void two_providers_payments_with_the_same_transaction_id_are_told_apart_by_provider() {
    TransactionId shared = new TransactionId("tx_shared");
    Payment ofA = startedAs(atProvider("pay_a", "order-a", PSP_A), shared);
    Payment ofB = startedAs(atProvider("pay_b", "order-b", PSP_B), shared);

    assertThat(second.findByTransactionId(PSP_A, shared)).contains(ofA);
    assertThat(second.findByTransactionId(PSP_B, shared)).contains(ofB);
    assertThat(second.findByTransactionId(ProviderName.DEFAULT, shared)).isEmpty();
  }

  @Test
  void finders_answer_empty_for_what_is_not_stored() {
    insertCreated("pay_1", "order-1", T0);

    assertThat(store.findById(new PaymentId("pay_unknown"))).isEmpty();
    assertThat(store.findByTransactionId(ProviderName.DEFAULT, new TransactionId("tx_unknown")))
        .isEmpty();
    assertThat(store.findByIdempotencyKey(IdempotencyKey.of("key-unknown"))).isEmpty();
    assertThat(store.findByExternalId(new ExternalId("order-unknown"))).isEmpty();
    assertThat(store.history(new PaymentId("pay_unknown"))).isEmpty();
  }

  @Test
  void a_payment_is_found_by_its_idempotency_key() {
    Payment payment = insertCreated("pay_1", "order-1", T0);

    assertThat(second.findByIdempotencyKey(payment.idempotencyKey())).contains(payment);
  }

  @Test
  void a_payment_is_found_by_its_transaction_id_once_the_provider_gave_one() {
    Payment payment = insertCreated("pay_1", "order-1", T0);
    TransactionId tx = transactionOf(payment);
    assertThat(store.findByTransactionId(ProviderName.DEFAULT, tx)).isEmpty();

    Payment started = moved(payment, PaymentState.STARTED, T0.plusSeconds(1));
    assertThat(store.update(started, 0)).isTrue();

    assertThat(second.findByTransactionId(ProviderName.DEFAULT, tx)).contains(started);
  }

  @Test
  void find_by_external_id_lists_the_orders_payments_oldest_first() {
    Payment first = stored("pay_a1", "order-a", T0, PaymentState.FAILED, T0.plusSeconds(1));
    Payment other = insertCreated("pay_b1", "order-b", T0.plusSeconds(1));
    Payment secondTry =
        stored("pay_a2", "order-a", T0.plusSeconds(2), PaymentState.EXPIRED, T0.plusSeconds(3));
    Payment third = insertCreated("pay_a3", "order-a", T0.plusSeconds(4));

    assertThat(second.findByExternalId(new ExternalId("order-a")))
        .containsExactly(first, secondTry, third);
    assertThat(second.findByExternalId(new ExternalId("order-b"))).containsExactly(other);
  }

  @Test
  void update_with_the_current_version_replaces_the_payment_and_appends_its_history() {
    Payment payment = insertCreated("pay_1", "order-1", T0);
    Payment started = moved(payment, PaymentState.STARTED, T0.plusSeconds(1));
    Payment succeeded = moved(started, PaymentState.SUCCEEDED, T0.plusSeconds(2));

    assertThat(store.update(started, 0)).isTrue();
    assertThat(second.update(succeeded, 1)).isTrue();

    assertThat(store.findById(payment.id())).contains(succeeded);
    assertThat(second.history(payment.id()))
        .containsExactly(payment.latest(), started.latest(), succeeded.latest());
  }

  @Test
  void a_payment_is_read_with_its_latest_entry_and_its_history_oldest_first() {
    Payment payment = insertCreated("pay_1", "order-1", T0);
    Payment submitted = moved(payment, PaymentState.SUBMITTED, T0.plusSeconds(1));
    Payment started = moved(submitted, PaymentState.STARTED, T0.plusSeconds(2));
    Payment inProgress = moved(started, PaymentState.IN_PROGRESS, T0.plusSeconds(3));
    Payment succeeded = moved(inProgress, PaymentState.SUCCEEDED, T0.plusSeconds(5));
    assertThat(store.update(submitted, 0)).isTrue();
    assertThat(store.update(started, 1)).isTrue();
    assertThat(store.update(inProgress, 2)).isTrue();
    HistoryEntry inProgressRepeated = inProgress.latest().repeatedAt(T0.plusSeconds(4));
    assertThat(store.countRepeat(inProgress.id(), inProgressRepeated)).isTrue();
    assertThat(store.update(succeeded, 3)).isTrue();

    assertThat(second.findById(payment.id()).orElseThrow().latest()).isEqualTo(succeeded.latest());
    assertThat(second.history(payment.id()))
        .containsExactly(
            payment.latest(),
            submitted.latest(),
            started.latest(),
            inProgressRepeated,
            succeeded.latest())
        .extracting(HistoryEntry::sequence, HistoryEntry::reported, HistoryEntry::repeats)
        .containsExactly(
            tuple(0L, PaymentState.CREATED, 0),
            tuple(1L, PaymentState.SUBMITTED, 0),
            tuple(2L, PaymentState.STARTED, 0),
            tuple(3L, PaymentState.IN_PROGRESS, 1),
            tuple(4L, PaymentState.SUCCEEDED, 0));
  }

  @Test
  void update_with_a_stale_version_changes_nothing_and_returns_false() {
    Payment payment = insertCreated("pay_1", "order-1", T0);
    Payment started = moved(payment, PaymentState.STARTED, T0.plusSeconds(1));
    Payment cancelledFromTheSameVersion = moved(payment, PaymentState.CANCELLED, T0.plusSeconds(2));
    assertThat(store.update(started, 0)).isTrue();

    assertThat(second.update(cancelledFromTheSameVersion, 0)).isFalse();

    assertThat(store.findById(payment.id())).contains(started);
    assertThat(store.history(payment.id())).containsExactly(payment.latest(), started.latest());
  }

  @Test
  void update_to_a_version_other_than_one_above_the_expected_is_refused_and_changes_nothing() {
    Payment payment = insertCreated("pay_1", "order-1", T0);
    Payment started = moved(payment, PaymentState.STARTED, T0.plusSeconds(1));

    assertThatThrownBy(() -> store.update(started, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> second.update(payment, 0))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.findById(payment.id())).contains(payment);
    assertThat(store.history(payment.id())).containsExactly(payment.latest());
  }

  @Test
  void update_of_a_payment_that_is_not_stored_returns_false_and_stores_nothing() {
    Payment payment = created("pay_ghost", "order-1", T0);

    assertThat(store.update(moved(payment, PaymentState.STARTED, T0.plusSeconds(1)), 0)).isFalse();

    assertThat(store.findById(payment.id())).isEmpty();
    assertThat(store.history(payment.id())).isEmpty();
  }

  @Test
  void update_appends_the_new_entry_and_keeps_the_stored_ones_as_they_are() {
    Payment payment = insertCreated("pay_1", "order-1", T0);
    HistoryEntry creationRepeated = payment.latest().repeatedAt(T0.plusSeconds(1));
    assertThat(store.countRepeat(payment.id(), creationRepeated)).isTrue();
    Payment started = moved(payment, PaymentState.STARTED, T0.plusSeconds(2));

    assertThat(second.update(started, 0)).isTrue();

    assertThat(store.history(payment.id())).containsExactly(creationRepeated, started.latest());
  }

  @Test
  void a_repeat_counts_on_the_latest_entry_and_leaves_the_payment_and_its_version_as_they_are() {
    Payment started = stored("pay_1", "order-1", T0, PaymentState.STARTED, T0.plusSeconds(1));
    HistoryEntry repeated = started.latest().repeatedAt(T0.plusSeconds(5));

    assertThat(second.countRepeat(started.id(), repeated)).isTrue();

    Payment read = store.findById(started.id()).orElseThrow();
    assertThat(read.version()).isEqualTo(started.version());
    assertThat(read.state()).isEqualTo(PaymentState.STARTED);
    assertThat(read.updatedAt()).isEqualTo(started.updatedAt());
    assertThat(read.latest()).isEqualTo(repeated);
    assertThat(store.history(started.id())).hasSize(2).last().isEqualTo(repeated);
  }

  @Test
  void repeats_add_up_on_what_is_stored_and_the_latest_time_seen_is_kept() {
    Payment started = stored("pay_1", "order-1", T0, PaymentState.STARTED, T0.plusSeconds(1));
    HistoryEntry later = started.latest().repeatedAt(T0.plusSeconds(10));
    HistoryEntry earlierFromTheSameRead = started.latest().repeatedAt(T0.plusSeconds(5));

    assertThat(store.countRepeat(started.id(), later)).isTrue();
    assertThat(second.countRepeat(started.id(), earlierFromTheSameRead)).isTrue();

    HistoryEntry latest = store.findById(started.id()).orElseThrow().latest();
    assertThat(latest.repeats()).isEqualTo(2);
    assertThat(latest.lastSeenAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(latest.at()).isEqualTo(started.latest().at());
    assertThat(store.history(started.id())).last().isEqualTo(latest);
  }

  @Test
  void a_repeat_after_the_version_moved_on_changes_nothing_and_returns_false() {
    Payment started = stored("pay_1", "order-1", T0, PaymentState.STARTED, T0.plusSeconds(1));
    Payment succeeded = moved(started, PaymentState.SUCCEEDED, T0.plusSeconds(2));
    assertThat(store.update(succeeded, started.version())).isTrue();

    assertThat(second.countRepeat(started.id(), started.latest().repeatedAt(T0.plusSeconds(3))))
        .isFalse();

    assertThat(store.findById(started.id())).contains(succeeded);
    assertThat(store.history(started.id()))
        .extracting(HistoryEntry::repeats)
        .containsExactly(0, 0, 0);
  }

  @Test
  void a_repeat_for_a_payment_that_is_not_stored_returns_false_and_stores_nothing() {
    Payment ghost = created("pay_ghost", "order-1", T0);

    assertThat(store.countRepeat(ghost.id(), ghost.latest().repeatedAt(T0.plusSeconds(1))))
        .isFalse();

    assertThat(store.findById(ghost.id())).isEmpty();
    assertThat(store.history(ghost.id())).isEmpty();
  }

  @Test
  void a_repeat_of_an_entry_that_was_not_repeated_is_refused_and_changes_nothing() {
    Payment started = stored("pay_1", "order-1", T0, PaymentState.STARTED, T0.plusSeconds(1));

    assertThatThrownBy(() -> store.countRepeat(started.id(), started.latest()))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.findById(started.id())).contains(started);
  }

  @Test
  void write_appends_a_step_and_counts_a_repeat_as_the_step_says() {
    Payment started = stored("pay_1", "order-1", T0, PaymentState.STARTED, T0.plusSeconds(1));
    TransitionResult duplicate = webhook(started, ProviderStatus.STARTED, "evt_1", 2);
    TransitionResult repeat = webhook(duplicate.payment(), ProviderStatus.STARTED, "evt_2", 3);
    assertThat(duplicate.appends()).as("the first duplicate is a new entry").isTrue();
    assertThat(repeat.appends()).as("the second says what the first said").isFalse();

    assertThat(store.write(duplicate, started.version())).isTrue();
    assertThat(second.write(repeat, duplicate.payment().version())).isTrue();

    assertThat(store.findById(started.id())).contains(repeat.payment());
    assertThat(store.history(started.id()))
        .extracting(HistoryEntry::outcome, HistoryEntry::repeats)
        .containsExactly(
            tuple(Outcome.APPLIED, 0), tuple(Outcome.APPLIED, 0), tuple(Outcome.DUPLICATE, 1));
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentState.class,
      names = {"CREATED", "SUBMITTED", "STARTED", "IN_PROGRESS", "SUCCEEDED"})
  void a_second_payment_for_an_order_is_refused_while_it_has_one_that_is(PaymentState state) {
    Payment first = stored("pay_first", "order-1", T0, state, T0.plusSeconds(1));
    Payment secondTry = created("pay_second", "order-1", T0.plusSeconds(2));

    assertConflict(
        () -> second.insert(secondTry), StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER);

    assertThat(store.findById(secondTry.id())).isEmpty();
    assertThat(store.findByIdempotencyKey(secondTry.idempotencyKey())).isEmpty();
    assertThat(store.findByExternalId(new ExternalId("order-1"))).containsExactly(first);
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentState.class,
      names = {"FAILED", "CANCELLED", "EXPIRED"})
  void a_new_attempt_is_allowed_once_the_previous_one_ended_unpaid(PaymentState ended) {
    Payment first = stored("pay_first", "order-1", T0, ended, T0.plusSeconds(1));
    Payment retry = created("pay_retry", "order-1", T0.plusSeconds(2));

    second.insert(retry);

    assertThat(store.findByExternalId(new ExternalId("order-1"))).containsExactly(first, retry);
  }

  @Test
  void a_duplicate_id_is_refused_as_duplicate_id() {
    Payment original = insertCreated("pay_dup", "order-1", T0);
    Payment clash =
        Payment.create(
            original.id(), IdempotencyKey.of("key-other"), request("order-2"), T0.plusSeconds(1));

    assertConflict(() -> second.insert(clash), StoreConflictException.Kind.DUPLICATE_ID);

    assertThat(store.findById(original.id())).contains(original);
    assertThat(store.findByIdempotencyKey(clash.idempotencyKey())).isEmpty();
    assertThat(store.findByExternalId(new ExternalId("order-2"))).isEmpty();
  }

  @Test
  void a_duplicate_idempotency_key_is_refused_as_duplicate_idempotency_key() {
    Payment original = insertCreated("pay_one", "order-1", T0);
    Payment clash =
        Payment.create(
            new PaymentId("pay_two"),
            original.idempotencyKey(),
            request("order-2"),
            T0.plusSeconds(1));

    assertConflict(
        () -> second.insert(clash), StoreConflictException.Kind.DUPLICATE_IDEMPOTENCY_KEY);

    assertThat(store.findById(clash.id())).isEmpty();
    assertThat(store.findByIdempotencyKey(original.idempotencyKey())).contains(original);
  }

  @Test
  void find_stale_returns_payments_in_the_states_last_updated_before_the_threshold_oldest_first() {
    Payment submitted = stored("pay_s1", "order-1", T0, PaymentState.SUBMITTED, T0.plusSeconds(10));
    Payment started = stored("pay_s2", "order-2", T0, PaymentState.STARTED, T0.plusSeconds(5));
    stored("pay_s3", "order-3", T0, PaymentState.IN_PROGRESS, T0.plusSeconds(20));
    stored("pay_s4", "order-4", T0, PaymentState.SUCCEEDED, T0.plusSeconds(1));
    stored("pay_s5", "order-5", T0, PaymentState.STARTED, T0.plusSeconds(30));
    insertCreated("pay_s6", "order-6", T0);
    EnumSet<PaymentState> waiting =
        EnumSet.of(PaymentState.SUBMITTED, PaymentState.STARTED, PaymentState.IN_PROGRESS);

    assertThat(second.findStale(waiting, T0.plusSeconds(20), 10))
        .containsExactly(started, submitted);
    assertThat(second.findStale(waiting, T0.plusSeconds(20), 1)).containsExactly(started);
  }

  @Test
  void a_payment_looked_up_since_the_threshold_is_not_stale_and_keeps_its_version_and_history() {
    Payment lookedUp = stored("pay_l1", "order-1", T0, PaymentState.STARTED, T0.plusSeconds(5));
    Payment quiet = stored("pay_l2", "order-2", T0, PaymentState.STARTED, T0.plusSeconds(6));
    EnumSet<PaymentState> waiting = EnumSet.of(PaymentState.STARTED, PaymentState.IN_PROGRESS);

    assertThat(second.recordLookUp(lookedUp.id(), T0.plusSeconds(30))).isTrue();

    assertThat(store.findStale(waiting, T0.plusSeconds(20), 10)).containsExactly(quiet);
    assertThat(store.findStale(waiting, T0.plusSeconds(30), 10)).containsExactly(quiet);
    assertThat(store.findStale(waiting, T0.plusSeconds(30).plus(1, ChronoUnit.MICROS), 10))
        .containsExactly(quiet, lookedUp);
    assertThat(store.findById(lookedUp.id())).contains(lookedUp);
    assertThat(store.history(lookedUp.id())).hasSize(2);
  }

  @Test
  void a_look_up_before_the_last_update_leaves_the_update_as_the_last_news() {
    Payment payment = insertCreated("pay_l1", "order-1", T0);
    assertThat(store.recordLookUp(payment.id(), T0.plusSeconds(1))).isTrue();
    Payment started = moved(payment, PaymentState.STARTED, T0.plusSeconds(10));
    assertThat(store.update(started, payment.version())).isTrue();
    EnumSet<PaymentState> waiting = EnumSet.of(PaymentState.STARTED);

    assertThat(second.findStale(waiting, T0.plusSeconds(10), 10)).isEmpty();
    assertThat(second.findStale(waiting, T0.plusSeconds(11), 10)).containsExactly(started);
  }

  @Test
  void an_earlier_look_up_noted_after_a_later_one_is_ignored() {
    Payment started = stored("pay_l1", "order-1", T0, PaymentState.STARTED, T0.plusSeconds(5));
    EnumSet<PaymentState> waiting = EnumSet.of(PaymentState.STARTED);
    assertThat(store.recordLookUp(started.id(), T0.plusSeconds(30))).isTrue();

    assertThat(second.recordLookUp(started.id(), T0.plusSeconds(10))).isTrue();

    assertThat(store.findStale(waiting, T0.plusSeconds(20), 10)).isEmpty();
  }

  @Test
  void a_look_up_does_not_change_the_version_an_update_was_read_at() {
    Payment started = stored("pay_l1", "order-1", T0, PaymentState.STARTED, T0.plusSeconds(5));
    store.recordLookUp(started.id(), T0.plusSeconds(30));
    Payment paid = moved(started, PaymentState.SUCCEEDED, T0.plusSeconds(31));

    assertThat(second.update(paid, started.version())).isTrue();

    assertThat(store.findById(started.id())).contains(paid);
  }

  @Test
  void a_look_up_of_a_payment_that_is_not_stored_returns_false_and_stores_nothing() {
    PaymentId unknown = new PaymentId("pay_unknown");

    assertThat(second.recordLookUp(unknown, T0)).isFalse();

    assertThat(store.findById(unknown)).isEmpty();
  }

  @Test
  void list_of_an_empty_store_is_one_empty_last_page() {
    PaymentPage page = store.list(PaymentQuery.all());

    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void list_pages_newest_first_with_no_gaps_or_duplicates() {
    List<Integer> insertionOrder = new ArrayList<>(IntStream.range(0, 23).boxed().toList());
    Collections.shuffle(insertionOrder, new Random(42));
    for (int i : insertionOrder) {
      insertCreated(String.format("pay_list_%02d", i), "order-" + i, T0.plusSeconds(i));
    }

    List<PaymentPage> pages = pages(PaymentQuery.all().withLimit(5));

    assertThat(pages).extracting(page -> page.items().size()).containsExactly(5, 5, 5, 5, 3);
    assertThat(idsOf(pages))
        .containsExactlyElementsOf(
            IntStream.iterate(22, i -> i >= 0, i -> i - 1)
                .mapToObj(i -> String.format("pay_list_%02d", i))
                .toList());
  }

  @Test
  void list_orders_payments_created_at_the_same_instant_by_id_also_across_pages() {
    insertCreated("pay_old_1", "order-o1", T0);
    insertCreated("pay_old_2", "order-o2", T0.plusSeconds(1));
    for (int i = 1; i <= 5; i++) {
      insertCreated("pay_tie_" + i, "order-t" + i, T0.plusSeconds(5));
    }
    insertCreated("pay_new_1", "order-n1", T0.plusSeconds(10));
    insertCreated("pay_new_2", "order-n2", T0.plusSeconds(20));

    List<PaymentPage> pages = pages(PaymentQuery.all().withLimit(3));

    assertThat(pages).hasSize(3);
    assertThat(idsOf(pages))
        .containsExactly(
            "pay_new_2",
            "pay_new_1",
            "pay_tie_5",
            "pay_tie_4",
            "pay_tie_3",
            "pay_tie_2",
            "pay_tie_1",
            "pay_old_2",
            "pay_old_1");
  }

  @Test
  void list_filters_by_external_id() {
    stored("pay_a1", "order-a", T0, PaymentState.FAILED, T0.plusSeconds(1));
    insertCreated("pay_b1", "order-b", T0.plusSeconds(1));
    stored("pay_a2", "order-a", T0.plusSeconds(2), PaymentState.CANCELLED, T0.plusSeconds(3));
    insertCreated("pay_a3", "order-a", T0.plusSeconds(4));

    List<PaymentPage> pages = pages(PaymentQuery.all().withExternalId(new ExternalId("order-a")));

    assertThat(idsOf(pages)).containsExactly("pay_a3", "pay_a2", "pay_a1");
  }

  @Test
  void list_filters_by_state_before_paging() {
    for (int i = 0; i < 6; i++) {
      PaymentState state = i % 2 == 0 ? PaymentState.STARTED : PaymentState.FAILED;
      stored("pay_f" + i, "order-" + i, T0.plusSeconds(i), state, T0.plusSeconds(10));
    }

    List<PaymentPage> pages =
        pages(PaymentQuery.all().withState(PaymentState.STARTED).withLimit(2));

    assertThat(pages).extracting(page -> page.items().size()).containsExactly(2, 1);
    assertThat(idsOf(pages)).containsExactly("pay_f4", "pay_f2", "pay_f0");
    assertThat(pages.get(0).items())
        .allSatisfy(payment -> assertThat(payment.state()).isEqualTo(PaymentState.STARTED));
  }

  @Test
  void list_filters_by_creation_time_from_inclusive_to_exclusive() {
    for (int i = 0; i < 6; i++) {
      insertCreated("pay_c" + i, "order-" + i, T0.plusSeconds(i));
    }

    List<PaymentPage> pages =
        pages(PaymentQuery.all().createdBetween(T0.plusSeconds(1), T0.plusSeconds(4)));

    assertThat(idsOf(pages)).containsExactly("pay_c3", "pay_c2", "pay_c1");
  }

  @Test
  void list_combines_filters() {
    stored("pay_x1", "order-x", T0, PaymentState.FAILED, T0.plusSeconds(1));
    stored("pay_x2", "order-x", T0.plusSeconds(2), PaymentState.FAILED, T0.plusSeconds(3));
    stored("pay_x3", "order-x", T0.plusSeconds(4), PaymentState.FAILED, T0.plusSeconds(5));
    stored("pay_y1", "order-y", T0.plusSeconds(2), PaymentState.FAILED, T0.plusSeconds(3));
    insertCreated("pay_x4", "order-x", T0.plusSeconds(6));

    List<PaymentPage> pages =
        pages(
            PaymentQuery.all()
                .withExternalId(new ExternalId("order-x"))
                .withState(PaymentState.FAILED)
                .createdBetween(T0.plusSeconds(1), T0.plusSeconds(6)));

    assertThat(idsOf(pages)).containsExactly("pay_x3", "pay_x2");
  }

  @Test
  void exactly_one_of_16_concurrent_updates_from_the_same_version_wins() {
    Payment payment = insertCreated("pay_race", "order-race", T0);
    Instant at = T0.plusSeconds(1);
    List<Payment> candidates =
        IntStream.range(0, RACERS)
            .mapToObj(
                i ->
                    payment
                        .apply(
                            ProviderReport.fromLookup(
                                providerPayment(payment, ProviderStatus.STARTED, null, at),
                                "req_racer_" + i),
                            at)
                        .payment())
            .toList();

    List<Attempt<Boolean>> attempts =
        Concurrently.run(RACERS, i -> () -> instance(i).update(candidates.get(i), 0));

    assertThat(attempts).allMatch(Attempt::succeeded);
    List<Integer> winners =
        IntStream.range(0, RACERS).filter(i -> attempts.get(i).value()).boxed().toList();
    assertThat(winners).hasSize(1);
    Payment winner = candidates.get(winners.get(0));
    assertThat(store.findById(payment.id())).contains(winner);
    assertThat(store.history(payment.id())).containsExactly(payment.latest(), winner.latest());
  }

  @Test
  void all_of_16_concurrent_repeats_from_one_read_are_counted() {
    Payment started = stored("pay_race", "order-race", T0, PaymentState.STARTED, T0.plusSeconds(1));
    List<Attempt<Boolean>> attempts =
        Concurrently.run(
            RACERS,
            i ->
                () ->
                    instance(i)
                        .countRepeat(
                            started.id(), started.latest().repeatedAt(T0.plusSeconds(10 + i))));

    assertThat(attempts).allMatch(attempt -> attempt.succeeded() && attempt.value());
    HistoryEntry latest = store.findById(started.id()).orElseThrow().latest();
    assertThat(latest.repeats()).isEqualTo(RACERS);
    assertThat(latest.lastSeenAt()).isEqualTo(T0.plusSeconds(10 + RACERS - 1));
    assertThat(store.history(started.id())).hasSize(2);
  }

  @Test
  void repeats_racing_an_update_from_the_same_version_count_only_before_it() {
    Payment started = stored("pay_race", "order-race", T0, PaymentState.STARTED, T0.plusSeconds(1));
    Payment succeeded = moved(started, PaymentState.SUCCEEDED, T0.plusSeconds(2));
    HistoryEntry repeated = started.latest().repeatedAt(T0.plusSeconds(3));

    List<Attempt<Boolean>> attempts =
        Concurrently.run(
            RACERS,
            i ->
                i == RACERS / 2
                    ? () -> instance(i).update(succeeded, started.version())
                    : () -> instance(i).countRepeat(started.id(), repeated));

    assertThat(attempts).allMatch(Attempt::succeeded);
    assertThat(attempts.get(RACERS / 2).value()).as("the update").isTrue();
    long counted = attempts.stream().filter(Attempt::value).count() - 1;
    assertThat(store.findById(started.id()).orElseThrow().latest()).isEqualTo(succeeded.latest());
    assertThat(store.history(started.id()))
        .extracting(HistoryEntry::sequence, HistoryEntry::repeats)
        .containsExactly(tuple(0L, 0), tuple(1L, (int) counted), tuple(2L, 0));
  }

  @Test
  void exactly_one_of_16_concurrent_active_payments_for_one_order_is_stored() {
    List<Payment> candidates =
        IntStream.range(0, RACERS)
            .mapToObj(i -> created("pay_race_" + i, "order-race", T0.plusMillis(i)))
            .toList();

    List<Attempt<Payment>> attempts =
        Concurrently.run(
            RACERS,
            i ->
                () -> {
                  instance(i).insert(candidates.get(i));
                  return candidates.get(i);
                });

    List<Payment> stored =
        attempts.stream().filter(Attempt::succeeded).map(Attempt::value).toList();
    assertThat(stored).hasSize(1);
    assertThat(attempts.stream().filter(attempt -> !attempt.succeeded()))
        .allSatisfy(
            attempt ->
                assertConflictKind(
                    attempt.failure(), StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER));
    assertThat(store.findByExternalId(new ExternalId("order-race"))).isEqualTo(stored);
  }

  @Test
  void exactly_one_of_16_concurrent_payments_with_one_idempotency_key_is_stored() {
    IdempotencyKey key = IdempotencyKey.of("key-shared");
    List<Payment> candidates =
        IntStream.range(0, RACERS)
            .mapToObj(
                i ->
                    Payment.create(
                        new PaymentId("pay_race_" + i), key, request("order-race-" + i), T0))
            .toList();

    List<Attempt<Payment>> attempts =
        Concurrently.run(
            RACERS,
            i ->
                () -> {
                  instance(i).insert(candidates.get(i));
                  return candidates.get(i);
                });

    List<Payment> stored =
        attempts.stream().filter(Attempt::succeeded).map(Attempt::value).toList();
    assertThat(stored).hasSize(1);
    assertThat(attempts.stream().filter(attempt -> !attempt.succeeded()))
        .allSatisfy(
            attempt ->
                assertConflictKind(
                    attempt.failure(), StoreConflictException.Kind.DUPLICATE_IDEMPOTENCY_KEY));
    assertThat(store.findByIdempotencyKey(key)).contains(stored.get(0));
  }

  private static Payment atProvider(String id, String externalId, ProviderName provider) {
    Payment sample = created(id, externalId, T0);
    return Payment.create(sample.id(), sample.idempotencyKey(), provider, sample.request(), T0);
  }

  /** {@code payment} stored, then started by its provider as transaction {@code tx}. */
  private Payment startedAs(Payment payment, TransactionId tx) {
    store.insert(payment);
    ProviderPayment said = providerPayment(payment, ProviderStatus.STARTED, null, T0);
    ProviderPayment as =
        new ProviderPayment(
            tx,
            said.status(),
            said.amount(),
            said.externalId(),
            said.metadata(),
            said.checkoutUrl(),
            said.failure(),
            said.createdAt(),
            said.updatedAt(),
            said.expiresAt(),
            said.paymentMethod());
    Payment started =
        payment.apply(ProviderReport.fromLookup(as, null), T0.plusSeconds(1)).payment();
    assertThat(store.update(started, payment.version())).isTrue();
    return started;
  }

  private PaymentStore instance(int index) {
    return index % 2 == 0 ? store : second;
  }

  private Payment insertCreated(String id, String externalId, Instant at) {
    Payment payment = created(id, externalId, at);
    store.insert(payment);
    return payment;
  }

  /** A payment inserted at {@code createdAt} and, unless {@code CREATED}, moved at {@code at}. */
  private Payment stored(
      String id, String externalId, Instant createdAt, PaymentState state, Instant at) {
    Payment payment = insertCreated(id, externalId, createdAt);
    if (state == PaymentState.CREATED) {
      return payment;
    }
    Payment now = moved(payment, state, at);
    assertThat(store.update(now, payment.version())).isTrue();
    return now;
  }

  /** Every page of {@code query}, each cursor sent through its text form as an API client would. */
  private List<PaymentPage> pages(PaymentQuery query) {
    List<PaymentPage> pages = new ArrayList<>();
    PaymentQuery next = query;
    while (true) {
      PaymentPage page = second.list(next);
      pages.add(page);
      if (page.nextCursor().isEmpty()) {
        return pages;
      }
      assertThat(pages).as("pages before the listing ends").hasSizeLessThan(100);
      next = next.after(PageCursor.decode(page.nextCursor().get().encode()));
    }
  }

  private static List<String> idsOf(List<PaymentPage> pages) {
    return pages.stream()
        .flatMap(page -> page.items().stream())
        .map(payment -> payment.id().value())
        .toList();
  }

  /** {@code payment} after a webhook saying {@code status}, {@code seconds} after {@code T0}. */
  private static TransitionResult webhook(
      Payment payment, ProviderStatus status, String eventId, long seconds) {
    Instant at = T0.plusSeconds(seconds);
    return payment.apply(
        ProviderReport.fromWebhook(providerPayment(payment, status, null, at), eventId), at);
  }

  private static ProviderPayment said(
      Payment payment,
      TransactionId tx,
      ProviderStatus status,
      Money amount,
      Failure failure,
      Instant at) {
    return new ProviderPayment(
        tx,
        status,
        amount,
        payment.externalId(),
        payment.request().metadata(),
        URI.create("https://provider.example/checkout/" + tx.value()),
        failure,
        payment.createdAt(),
        at,
        payment.createdAt().plus(payment.request().expiresIn()));
  }
}
