package dev.paykit.testkit;

import static dev.paykit.testkit.ConflictAssertions.assertConflict;
import static dev.paykit.testkit.PaymentSamples.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.Stores;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.port.shared.OutboxDelivery.Status;
import dev.paykit.testkit.Concurrently.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link Outbox}, on the outbox of a family of stores. An
 * implementation's test extends this class and supplies a family of empty stores per test with
 * {@link #newStores()}; an outbox shared by several processes also overrides {@link
 * #secondInstance()}, and the cases then read, settle and race through both, as two app instances
 * dispatching from one database would.
 *
 * <p>Events are appended in phases of the family's {@link dev.paykit.port.out.UnitOfWork}, as the
 * core appends them, and each event's payment is stored first, so an outbox may refer to its
 * payments. The dispatchers here are the contract's own loops (claim, "handle", mark), not the
 * core's: the cases say what the store must guarantee to any dispatcher.
 */
public abstract class OutboxContract {
  protected static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private static final Duration CLAIM = Duration.ofSeconds(30);
  private static final Duration NEVER_RUNS_OUT = Duration.ofDays(1);
  private static final int RACERS = 16;

  private Stores stores;
  private Stores second;
  private final Map<String, Payment> payments = new HashMap<>();

  /**
   * A family of stores holding nothing, called before every test (a database-backed family may
   * clear its tables here).
   */
  protected abstract Stores newStores();

  /**
   * Another instance over the same data as the family {@link #newStores()} just returned, as a
   * second process would have it (for a database: stores on a second connection pool). Called right
   * after {@code newStores()}; the default is that same family.
   */
  protected Stores secondInstance() {
    return stores();
  }

  /** The family {@link #newStores()} returned for the running test. */
  protected final Stores stores() {
    return stores;
  }

  @BeforeEach
  final void createStores() {
    stores = newStores();
    second = secondInstance();
    payments.clear();
  }

  // Appending and numbering.

  @Test
  void events_are_numbered_from_1_per_payment_refund_events_included_in_the_order_appended() {
    List<Long> first = new ArrayList<>();
    List<Long> other = new ArrayList<>();

    first.add(append(event("evt_1", "pay_1", T0)).sequence());
    other.add(append(event("evt_2", "pay_2", T0.plusSeconds(1))).sequence());
    first.add(append(refundEvent("evt_3", "pay_1", "ref_1", T0.plusSeconds(2))).sequence());
    first.add(append(event("evt_4", "pay_1", T0.plusSeconds(3))).sequence());
    other.add(append(event("evt_5", "pay_2", T0.plusSeconds(4))).sequence());

    assertThat(first).containsExactly(1L, 2L, 3L);
    assertThat(other).containsExactly(1L, 2L);
    assertThat(sequenceOf(second.outbox(), "evt_3")).isEqualTo(2);
    assertThat(sequenceOf(second.outbox(), "evt_5")).isEqualTo(2);
  }

  @Test
  void an_appended_event_is_stored_pending_due_when_it_occurred_with_its_payload_in_order() {
    Map<String, String> payload = new LinkedHashMap<>();
    payload.put("state", "SUCCEEDED");
    payload.put("amount.value", "1050");
    payload.put("note", "ünïcödé \"quoted\" back\\slash\nsecond line\ttab");
    payload.put("a.last.but.sorted.first", "");
    OutboxEvent event =
        new OutboxEvent(
            new OutboxEventId("evt_1"),
            OutboxEventType.PAYMENT_SUCCEEDED,
            payment("pay_1").id(),
            null,
            payment("pay_1").externalId(),
            0,
            T0,
            payload);

    OutboxEvent appended = append(event);

    assertThat(appended).isEqualTo(event.sequenced(1));
    OutboxDelivery stored = second.outbox().find(event.id()).orElseThrow();
    assertThat(stored)
        .isEqualTo(new OutboxDelivery(appended, Status.PENDING, 0, T0, null, null, null, null));
    assertThat(stored.event().payload().keySet())
        .containsExactly("state", "amount.value", "note", "a.last.but.sorted.first");
    assertThat(stored.event().refund()).isEmpty();
    assertThat(second.outbox().claim(T0.minus(1, ChronoUnit.MICROS), 10, CLAIM)).isEmpty();
    assertThat(second.outbox().claim(T0, 10, CLAIM))
        .extracting(this::idOf)
        .containsExactly("evt_1");
  }

  @Test
  void a_refund_event_keeps_its_refund_id_and_every_type_is_kept_as_it_was_appended() {
    OutboxEvent refunded = refundEvent("evt_refund", "pay_1", "ref_1", T0);
    append(refunded);
    for (OutboxEventType type : OutboxEventType.values()) {
      append(event("evt_" + type.name(), "pay_" + type.name(), type, T0.plusSeconds(1)));
    }

    assertThat(second.outbox().find(refunded.id()))
        .hasValueSatisfying(
            stored -> {
              assertThat(stored.event().refund()).contains("ref_1");
              assertThat(stored.event()).isEqualTo(refunded.sequenced(1));
            });
    for (OutboxEventType type : OutboxEventType.values()) {
      assertThat(second.outbox().find(new OutboxEventId("evt_" + type.name())))
          .hasValueSatisfying(stored -> assertThat(stored.event().type()).isEqualTo(type));
    }
  }

  @Test
  void events_appended_in_one_phase_are_numbered_one_after_the_other() {
    append(event("evt_0", "pay_1", T0));

    List<Long> numbers =
        stores
            .unitOfWork()
            .atomically(
                () ->
                    List.of(
                        stores.outbox().append(event("evt_1", "pay_1", T0)).sequence(),
                        stores
                            .outbox()
                            .append(refundEvent("evt_2", "pay_1", "ref_1", T0))
                            .sequence(),
                        stores.outbox().append(event("evt_3", "pay_2", T0)).sequence(),
                        stores.outbox().append(event("evt_4", "pay_1", T0)).sequence()));

    assertThat(numbers).containsExactly(2L, 3L, 1L, 4L);
  }

  @Test
  void an_append_undone_with_its_phase_leaves_no_event_and_its_number_to_the_next_append() {
    append(event("evt_1", "pay_1", T0));
    RuntimeException failure = new IllegalStateException("the phase failed after its append");

    assertThatThrownBy(
            () ->
                stores
                    .unitOfWork()
                    .atomically(
                        () -> {
                          stores.outbox().append(event("evt_undone", "pay_1", T0.plusSeconds(1)));
                          stores.outbox().append(event("evt_new_payment", "pay_2", T0));
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(second.outbox().find(new OutboxEventId("evt_undone"))).isEmpty();
    assertThat(second.outbox().find(new OutboxEventId("evt_new_payment"))).isEmpty();
    assertThat(append(event("evt_2", "pay_1", T0.plusSeconds(2))).sequence()).isEqualTo(2);
    assertThat(append(event("evt_3", "pay_2", T0.plusSeconds(2))).sequence()).isEqualTo(1);
    assertThat(second.outbox().backlog(T0.plusSeconds(2)).undelivered()).isEqualTo(3);
    assertThat(drain(second.outbox(), T0.plusSeconds(3)))
        .extracting(this::idOf)
        .containsExactly("evt_1", "evt_3", "evt_2");
  }

  @Test
  void an_event_whose_id_is_taken_is_refused_and_its_phase_leaves_nothing() {
    append(event("evt_1", "pay_1", T0));
    OutboxEvent again = event("evt_1", "pay_2", T0.plusSeconds(1));

    assertConflict(
        () ->
            stores
                .unitOfWork()
                .atomically(
                    () -> {
                      stores.outbox().append(event("evt_2", "pay_2", T0));
                      return stores.outbox().append(again);
                    }),
        StoreConflictException.Kind.DUPLICATE_ID);

    assertThat(second.outbox().find(new OutboxEventId("evt_1")))
        .hasValueSatisfying(
            kept -> assertThat(kept.event().paymentId()).isEqualTo(new PaymentId("pay_1")));
    assertThat(second.outbox().find(new OutboxEventId("evt_2"))).isEmpty();
    assertThat(append(event("evt_3", "pay_2", T0)).sequence()).isEqualTo(1);
  }

  @Test
  void
      of_16_concurrent_phases_appending_to_one_payment_and_its_refund_none_share_or_skip_a_number() {
    int perThread = 4;
    payment("pay_1");

    List<Attempt<List<Long>>> attempts =
        Concurrently.run(
            RACERS,
            thread ->
                () -> {
                  Stores mine = instance(thread);
                  List<Long> numbers = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    OutboxEvent event =
                        i % 2 == 0
                            ? event("evt_" + thread + "_" + i, "pay_1", T0)
                            : refundEvent("evt_" + thread + "_" + i, "pay_1", "ref_" + thread, T0);
                    numbers.add(
                        mine.unitOfWork().atomically(() -> mine.outbox().append(event)).sequence());
                  }
                  return numbers;
                });

    assertThat(attempts).allMatch(Attempt::succeeded);
    List<Long> numbers = attempts.stream().flatMap(attempt -> attempt.value().stream()).toList();
    assertThat(numbers).containsExactlyInAnyOrderElementsOf(oneTo(RACERS * perThread));
    assertThat(attempts)
        .as("each thread's own appends are numbered in the order it made them")
        .allSatisfy(attempt -> assertThat(attempt.value()).isSorted());
    assertThat(drain(second.outbox(), T0.plusSeconds(1)))
        .extracting(OutboxEvent::sequence)
        .containsExactlyElementsOf(oneTo(RACERS * perThread));
  }

  @Test
  void concurrent_phases_that_fail_after_appending_leave_no_gap_in_the_numbers() {
    payment("pay_1");
    RuntimeException failure = new IllegalStateException("every odd phase fails at its end");

    List<Attempt<Long>> attempts =
        Concurrently.run(
            RACERS,
            thread ->
                () -> {
                  Stores mine = instance(thread);
                  return mine.unitOfWork()
                      .atomically(
                          () -> {
                            long number =
                                mine.outbox()
                                    .append(event("evt_" + thread, "pay_1", T0))
                                    .sequence();
                            if (thread % 2 == 1) {
                              throw failure;
                            }
                            return number;
                          });
                });

    List<Long> kept = new ArrayList<>();
    for (int thread = 0; thread < RACERS; thread++) {
      Attempt<Long> attempt = attempts.get(thread);
      if (thread % 2 == 1) {
        assertThat(attempt.failure()).isSameAs(failure);
        assertThat(second.outbox().find(new OutboxEventId("evt_" + thread))).isEmpty();
      } else {
        assertThat(attempt.succeeded()).isTrue();
        kept.add(attempt.value());
      }
    }
    assertThat(kept).containsExactlyInAnyOrderElementsOf(oneTo(RACERS / 2));
    assertThat(drain(second.outbox(), T0.plusSeconds(1)))
        .extracting(OutboxEvent::sequence)
        .containsExactlyElementsOf(oneTo(RACERS / 2));
  }

  // Claiming: only heads, oldest first.

  @Test
  void only_the_head_of_each_payment_is_claimed() {
    append(event("evt_1a", "pay_1", T0));
    append(event("evt_2a", "pay_2", T0.plusSeconds(1)));
    append(event("evt_1b", "pay_1", T0.plusSeconds(2)));
    append(event("evt_1c", "pay_1", T0.plusSeconds(3)));
    append(event("evt_2b", "pay_2", T0.plusSeconds(4)));
    Instant now = T0.plusSeconds(10);

    List<OutboxDelivery> heads = second.outbox().claim(now, 10, CLAIM);

    assertThat(heads).extracting(this::idOf).containsExactly("evt_1a", "evt_2a");
    assertThat(stores.outbox().claim(now, 10, CLAIM)).as("both heads are held").isEmpty();
    assertThat(stores.outbox().markDelivered(heads.get(0), now)).isTrue();
    assertThat(stores.outbox().claim(now, 10, CLAIM))
        .extracting(this::idOf)
        .containsExactly("evt_1b");
  }

  @Test
  void claim_takes_due_heads_oldest_first_up_to_max() {
    for (int i : List.of(3, 1, 4, 2)) {
      append(event("evt_" + i, "pay_" + i, T0.plusSeconds(i)));
    }

    List<OutboxDelivery> claimed = second.outbox().claim(T0.plusSeconds(10), 3, CLAIM);

    assertThat(claimed).extracting(this::idOf).containsExactly("evt_1", "evt_2", "evt_3");
  }

  @Test
  void a_claimed_delivery_carries_a_fresh_token_one_more_attempt_and_its_time_limit() {
    OutboxEvent event = append(event("evt_1", "pay_1", T0));
    Instant now = T0.plusSeconds(1);

    List<OutboxDelivery> claimed = second.outbox().claim(now, 10, CLAIM);

    assertThat(claimed).hasSize(1);
    OutboxDelivery held = claimed.get(0);
    assertThat(held.event()).isEqualTo(event);
    assertThat(held.status()).isEqualTo(Status.CLAIMED);
    assertThat(held.attempts()).isEqualTo(1);
    assertThat(held.claimToken()).isNotBlank();
    assertThat(held.claimedUntil()).isEqualTo(now.plus(CLAIM));
    assertThat(held.deliveredAt()).isNull();
    assertThat(stores.outbox().find(event.id())).contains(held);
  }

  @Test
  void a_head_not_due_yet_holds_back_its_payments_later_events() {
    append(event("evt_1", "pay_1", T0));
    append(event("evt_2", "pay_1", T0.plusSeconds(1)));
    Instant retryAt = T0.plusSeconds(60);
    OutboxDelivery first = stores.outbox().claim(T0, 1, CLAIM).get(0);
    assertThat(stores.outbox().markFailed(first, "java.io.IOException", retryAt)).isTrue();
    append(event("evt_other", "pay_2", T0.plusSeconds(2)));

    assertThat(second.outbox().claim(retryAt.minus(1, ChronoUnit.MICROS), 10, CLAIM))
        .as("the other payment's head only, not the due second event of the first")
        .extracting(this::idOf)
        .containsExactly("evt_other");
    assertThat(second.outbox().claim(retryAt, 10, CLAIM))
        .singleElement()
        .satisfies(
            again -> {
              assertThat(idOf(again)).isEqualTo("evt_1");
              assertThat(again.attempts()).isEqualTo(2);
            });
  }

  @Test
  void
      a_head_claimed_by_another_dispatcher_holds_back_its_payments_later_events_until_it_runs_out() {
    append(event("evt_1", "pay_1", T0));
    append(event("evt_2", "pay_1", T0.plusSeconds(1)));
    OutboxDelivery first = stores.outbox().claim(T0.plusSeconds(2), 10, CLAIM).get(0);
    Instant runsOut = first.claimedUntil();

    assertThat(second.outbox().claim(runsOut.minus(1, ChronoUnit.MICROS), 10, CLAIM)).isEmpty();

    List<OutboxDelivery> takenOver = second.outbox().claim(runsOut, 10, CLAIM);
    assertThat(takenOver).hasSize(1);
    OutboxDelivery successor = takenOver.get(0);
    assertThat(successor.event()).isEqualTo(first.event());
    assertThat(successor.claimToken()).isNotEqualTo(first.claimToken());
    assertThat(successor.attempts()).isEqualTo(2);
    assertThat(successor.claimedUntil()).isEqualTo(runsOut.plus(CLAIM));
    assertThat(stores.outbox().find(first.event().id())).contains(successor);
  }

  @Test
  void a_dead_head_holds_back_its_payments_later_events_until_it_is_replayed() {
    append(event("evt_1", "pay_1", T0));
    append(event("evt_2", "pay_1", T0.plusSeconds(1)));
    append(event("evt_other", "pay_2", T0.plusSeconds(2)));
    OutboxDelivery first = stores.outbox().claim(T0.plusSeconds(3), 1, CLAIM).get(0);
    assertThat(stores.outbox().markDead(first, "java.lang.IllegalStateException", T0)).isTrue();
    Instant muchLater = T0.plus(Duration.ofDays(7));

    assertThat(drain(second.outbox(), muchLater))
        .extracting(this::idOf)
        .containsExactly("evt_other");
    assertThat(second.outbox().claim(muchLater, 10, CLAIM)).isEmpty();

    assertThat(second.outbox().replay(first.event().id(), muchLater)).isTrue();
    assertThat(drain(stores.outbox(), muchLater))
        .extracting(this::idOf)
        .containsExactly("evt_1", "evt_2");
  }

  @Test
  void a_claim_asks_for_at_least_one_delivery_held_for_a_positive_time() {
    append(event("evt_1", "pay_1", T0));

    assertThatThrownBy(() -> stores.outbox().claim(T0, 0, CLAIM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max");
    assertThatThrownBy(() -> stores.outbox().claim(T0, 10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claimFor");
    assertThatThrownBy(() -> stores.outbox().claim(T0, 10, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claimFor");
    assertThat(second.outbox().find(new OutboxEventId("evt_1")))
        .hasValueSatisfying(stored -> assertThat(stored.status()).isEqualTo(Status.PENDING));
  }

  // Settling a claim.

  @Test
  void mark_delivered_settles_the_head_for_good_and_lets_the_next_event_be_claimed() {
    append(event("evt_1", "pay_1", T0));
    append(event("evt_2", "pay_1", T0.plusSeconds(1)));
    OutboxDelivery claimed = stores.outbox().claim(T0.plusSeconds(2), 10, CLAIM).get(0);
    Instant done = T0.plusSeconds(3);

    assertThat(second.outbox().markDelivered(claimed, done)).isTrue();

    OutboxDelivery stored = stores.outbox().find(claimed.event().id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Status.DELIVERED);
    assertThat(stored.deliveredAt()).isEqualTo(done);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.claimToken()).isNull();
    assertThat(stored.claimedUntil()).isNull();
    assertThat(stores.outbox().markDelivered(claimed, done.plusSeconds(1))).isFalse();
    assertThat(stores.outbox().claim(T0.plus(Duration.ofDays(1)), 10, CLAIM))
        .extracting(this::idOf)
        .containsExactly("evt_2");
  }

  @Test
  void mark_failed_puts_the_head_back_pending_due_later_with_its_error() {
    append(event("evt_1", "pay_1", T0));
    OutboxDelivery claimed = stores.outbox().claim(T0, 1, CLAIM).get(0);
    Instant retryAt = T0.plusSeconds(60);

    assertThat(second.outbox().markFailed(claimed, "java.io.IOException", retryAt)).isTrue();

    OutboxDelivery stored = stores.outbox().find(claimed.event().id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Status.PENDING);
    assertThat(stored.nextAttemptAt()).isEqualTo(retryAt);
    assertThat(stored.lastError()).isEqualTo("java.io.IOException");
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.claimToken()).isNull();
    assertThat(stored.claimedUntil()).isNull();
    assertThat(stored.deliveredAt()).isNull();
    assertThat(stores.outbox().markFailed(claimed, "again", retryAt)).isFalse();
    assertThat(stores.outbox().claim(retryAt.minus(1, ChronoUnit.MICROS), 10, CLAIM)).isEmpty();
    assertThat(stores.outbox().claim(retryAt, 10, CLAIM))
        .singleElement()
        .satisfies(again -> assertThat(again.attempts()).isEqualTo(2));
  }

  @Test
  void mark_dead_moves_the_head_to_the_dead_letters_with_its_error() {
    append(event("evt_1", "pay_1", T0));
    OutboxDelivery claimed = stores.outbox().claim(T0, 1, CLAIM).get(0);

    assertThat(second.outbox().markDead(claimed, "SHOP_DOWN (order-1)", T0.plusSeconds(2)))
        .isTrue();

    OutboxDelivery stored = stores.outbox().find(claimed.event().id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Status.DEAD);
    assertThat(stored.lastError()).isEqualTo("SHOP_DOWN (order-1)");
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.claimToken()).isNull();
    assertThat(stored.deliveredAt()).isNull();
    assertThat(stores.outbox().deadLetters(10)).containsExactly(stored);
    assertThat(stores.outbox().markDead(claimed, "again", T0.plusSeconds(3))).isFalse();
    assertThat(stores.outbox().claim(T0.plus(Duration.ofDays(1)), 10, CLAIM)).isEmpty();
  }

  @Test
  void a_claim_that_was_taken_over_can_no_longer_settle_the_delivery() {
    append(event("evt_1", "pay_1", T0));
    OutboxDelivery first = stores.outbox().claim(T0, 1, CLAIM).get(0);
    Instant later = first.claimedUntil().plusSeconds(1);
    OutboxDelivery successor = second.outbox().claim(later, 1, CLAIM).get(0);

    assertThat(stores.outbox().markDelivered(first, later)).isFalse();
    assertThat(stores.outbox().markFailed(first, "late dispatcher", later.plusSeconds(60)))
        .isFalse();
    assertThat(stores.outbox().markDead(first, "late dispatcher", later)).isFalse();

    assertThat(second.outbox().find(first.event().id())).contains(successor);
    assertThat(stores.outbox().markDelivered(successor, later)).isTrue();
  }

  @Test
  void a_delivery_never_claimed_settled_already_or_with_a_forged_token_cannot_be_marked() {
    append(event("evt_pending", "pay_1", T0));
    append(event("evt_done", "pay_2", T0));
    append(event("evt_held", "pay_3", T0));
    Instant now = T0.plusSeconds(1);
    List<OutboxDelivery> claimed = stores.outbox().claim(now, 10, CLAIM);
    OutboxDelivery done = only(claimed, "evt_done");
    OutboxDelivery held = only(claimed, "evt_held");
    stores.outbox().markFailed(only(claimed, "evt_pending"), "java.io.IOException", now);
    OutboxDelivery pending = stores.outbox().find(new OutboxEventId("evt_pending")).orElseThrow();
    assertThat(stores.outbox().markDelivered(done, now)).isTrue();
    OutboxDelivery delivered = stores.outbox().find(done.event().id()).orElseThrow();
    OutboxDelivery forged = withToken(held, "forged-" + held.claimToken());
    OutboxDelivery tokenless = withToken(held, null);

    for (OutboxDelivery stale : List.of(pending, done, delivered, forged, tokenless)) {
      assertThat(second.outbox().markDelivered(stale, now)).as("delivered %s", stale).isFalse();
      assertThat(second.outbox().markFailed(stale, "x", now)).as("failed %s", stale).isFalse();
      assertThat(second.outbox().markDead(stale, "x", now)).as("dead %s", stale).isFalse();
    }

    assertThat(stores.outbox().find(pending.event().id())).contains(pending);
    assertThat(stores.outbox().find(done.event().id())).contains(delivered);
    assertThat(stores.outbox().find(held.event().id())).contains(held);
  }

  @Test
  void release_gives_a_claimed_delivery_back_as_it_was_before_the_claim() {
    append(event("evt_1", "pay_1", T0));
    OutboxDelivery before = stores.outbox().find(new OutboxEventId("evt_1")).orElseThrow();
    Instant now = T0.plusSeconds(1);
    OutboxDelivery claimed = stores.outbox().claim(now, 1, CLAIM).get(0);

    assertThat(second.outbox().release(claimed)).isTrue();

    assertThat(stores.outbox().find(before.event().id())).contains(before);
    assertThat(stores.outbox().claim(now, 10, CLAIM))
        .singleElement()
        .satisfies(again -> assertThat(again.attempts()).isEqualTo(1));
  }

  @Test
  void release_keeps_the_due_time_and_the_error_of_the_attempt_before() {
    append(event("evt_1", "pay_1", T0));
    Instant retryAt = T0.plusSeconds(60);
    stores
        .outbox()
        .markFailed(stores.outbox().claim(T0, 1, CLAIM).get(0), "java.io.IOException", retryAt);
    OutboxDelivery again = stores.outbox().claim(retryAt, 1, CLAIM).get(0);

    assertThat(second.outbox().release(again)).isTrue();

    OutboxDelivery stored = stores.outbox().find(again.event().id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Status.PENDING);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.nextAttemptAt()).isEqualTo(retryAt);
    assertThat(stored.lastError()).isEqualTo("java.io.IOException");
    assertThat(stored.claimToken()).isNull();
    assertThat(stored.claimedUntil()).isNull();
  }

  @Test
  void a_claim_that_was_taken_over_or_settled_can_no_longer_release_the_delivery() {
    append(event("evt_1", "pay_1", T0));
    append(event("evt_2", "pay_2", T0));
    OutboxDelivery first = only(stores.outbox().claim(T0, 10, CLAIM), "evt_1");
    Instant later = first.claimedUntil().plusSeconds(1);
    List<OutboxDelivery> takenOver = second.outbox().claim(later, 10, CLAIM);
    OutboxDelivery successor = only(takenOver, "evt_1");
    OutboxDelivery done = only(takenOver, "evt_2");
    assertThat(second.outbox().markDelivered(done, later)).isTrue();
    OutboxDelivery delivered = stores.outbox().find(done.event().id()).orElseThrow();

    assertThat(stores.outbox().release(first)).isFalse();
    assertThat(stores.outbox().release(done)).isFalse();
    assertThat(stores.outbox().release(withToken(successor, "forged"))).isFalse();

    assertThat(second.outbox().find(first.event().id())).contains(successor);
    assertThat(second.outbox().find(done.event().id())).contains(delivered);
  }

  @Test
  void a_head_whose_attempts_are_used_up_is_dead_lettered_at_its_next_claim_not_handed_out() {
    append(event("evt_1", "pay_1", T0));
    append(event("evt_behind", "pay_1", T0.plusSeconds(1)));
    // Two claims whose dispatchers never settled the head: the claim runs out each time.
    assertThat(stores.outbox().claim(T0.plusSeconds(2), 1, CLAIM, 2)).hasSize(1);
    Instant later = T0.plusSeconds(2).plus(CLAIM).plusSeconds(1);
    OutboxDelivery last = second.outbox().claim(later, 1, CLAIM, 2).get(0);
    assertThat(last.attempts()).isEqualTo(2);
    Instant afterLast = later.plus(CLAIM).plusSeconds(1);
    append(event("evt_other", "pay_2", afterLast));

    List<OutboxDelivery> claimed = second.outbox().claim(afterLast, 10, CLAIM, 2);

    assertThat(claimed).extracting(this::idOf).containsExactly("evt_other");
    OutboxDelivery dead = stores.outbox().find(last.event().id()).orElseThrow();
    assertThat(dead.status()).isEqualTo(Status.DEAD);
    assertThat(dead.attempts()).isEqualTo(2);
    assertThat(dead.claimToken()).isNull();
    assertThat(dead.lastError()).contains("all 2 attempts");
    assertThat(stores.outbox().deadLetters(10)).containsExactly(dead);
    assertThat(stores.outbox().markDelivered(last, afterLast)).isFalse();
    assertThat(stores.outbox().claim(afterLast.plus(Duration.ofDays(1)), 10, CLAIM, 2))
        .as("the payment's later event waits behind its dead head")
        .extracting(this::idOf)
        .doesNotContain("evt_behind");
    assertThat(second.outbox().replay(dead.event().id(), afterLast)).isTrue();
    assertThat(stores.outbox().claim(afterLast, 10, CLAIM, 2))
        .extracting(this::idOf)
        .containsExactly("evt_1");
  }

  @Test
  void a_head_dead_lettered_at_its_claim_keeps_its_last_recorded_error() {
    append(event("evt_1", "pay_1", T0));
    Instant retryAt = T0.plusSeconds(60);
    stores
        .outbox()
        .markFailed(stores.outbox().claim(T0, 1, CLAIM, 1).get(0), "SHOP_DOWN (order-1)", retryAt);

    assertThat(second.outbox().claim(retryAt, 10, CLAIM, 1)).isEmpty();

    OutboxDelivery dead = stores.outbox().find(new OutboxEventId("evt_1")).orElseThrow();
    assertThat(dead.status()).isEqualTo(Status.DEAD);
    assertThat(dead.lastError()).contains("given up").contains("SHOP_DOWN (order-1)");
  }

  @Test
  void a_claim_with_fewer_than_one_attempt_allowed_is_refused_and_changes_nothing() {
    append(event("evt_1", "pay_1", T0));

    assertThatThrownBy(() -> stores.outbox().claim(T0, 10, CLAIM, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThat(second.outbox().find(new OutboxEventId("evt_1")))
        .hasValueSatisfying(stored -> assertThat(stored.status()).isEqualTo(Status.PENDING));
  }

  @Test
  void an_error_is_kept_as_storable_error_makes_it_one_printable_line_cut_to_the_longest_kept() {
    append(event("evt_1", "pay_1", T0));
    OutboxDelivery claimed = stores.outbox().claim(T0, 1, CLAIM).get(0);
    String error = "SHOP_DOWN \u0000\u001b[31m\nsecond line\tend " + "x".repeat(100_000);

    assertThat(second.outbox().markFailed(claimed, error, T0.plusSeconds(60))).isTrue();

    String stored = stores.outbox().find(claimed.event().id()).orElseThrow().lastError();
    assertThat(stored)
        .isEqualTo(OutboxDelivery.storableError(error))
        .hasSize(OutboxDelivery.MAX_ERROR_LENGTH)
        .startsWith("SHOP_DOWN ")
        .doesNotContain("\u0000", "\n", "\u001b");
    OutboxDelivery again = stores.outbox().claim(T0.plusSeconds(60), 1, CLAIM).get(0);
    assertThat(second.outbox().markDead(again, error, T0.plusSeconds(61))).isTrue();
    assertThat(stores.outbox().deadLetters(10))
        .singleElement()
        .satisfies(
            dead -> assertThat(dead.lastError()).isEqualTo(OutboxDelivery.storableError(error)));
  }

  // Dead letters, replay, look-ups.

  @Test
  void dead_letters_are_listed_oldest_first_up_to_the_limit() {
    for (int i : List.of(3, 1, 2)) {
      append(event("evt_" + i, "pay_" + i, T0.plusSeconds(i)));
    }
    append(event("evt_pending", "pay_4", T0.plusSeconds(30)));
    for (OutboxDelivery claimed : stores.outbox().claim(T0.plusSeconds(10), 10, CLAIM)) {
      stores.outbox().markDead(claimed, "broken", T0.plusSeconds(11));
    }

    assertThat(second.outbox().deadLetters(2))
        .extracting(this::idOf)
        .containsExactly("evt_1", "evt_2");
    assertThat(second.outbox().deadLetters(10))
        .hasSize(3)
        .allSatisfy(dead -> assertThat(dead.status()).isEqualTo(Status.DEAD));
    assertThatThrownBy(() -> second.outbox().deadLetters(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void replay_sends_a_dead_delivery_back_pending_due_now_with_attempts_reset_and_its_error_kept() {
    append(event("evt_1", "pay_1", T0));
    OutboxDelivery claimed = stores.outbox().claim(T0, 1, CLAIM).get(0);
    stores.outbox().markDead(claimed, "broken", T0.plusSeconds(1));
    Instant now = T0.plusSeconds(100);

    assertThat(second.outbox().replay(claimed.event().id(), now)).isTrue();

    OutboxDelivery stored = stores.outbox().find(claimed.event().id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Status.PENDING);
    assertThat(stored.attempts()).isZero();
    assertThat(stored.nextAttemptAt()).isEqualTo(now);
    assertThat(stored.lastError()).isEqualTo("broken");
    assertThat(stored.claimToken()).isNull();
    assertThat(stores.outbox().deadLetters(10)).isEmpty();
    assertThat(stores.outbox().claim(now.minus(1, ChronoUnit.MICROS), 10, CLAIM)).isEmpty();
    assertThat(stores.outbox().claim(now, 10, CLAIM))
        .singleElement()
        .satisfies(again -> assertThat(again.attempts()).isEqualTo(1));
  }

  @Test
  void replay_of_a_delivery_that_is_not_dead_is_refused() {
    append(event("evt_pending", "pay_1", T0));
    append(event("evt_held", "pay_2", T0));
    append(event("evt_done", "pay_3", T0));
    Instant now = T0.plusSeconds(1);
    List<OutboxDelivery> claimed = stores.outbox().claim(now, 10, CLAIM);
    stores.outbox().markFailed(only(claimed, "evt_pending"), "java.io.IOException", now);
    stores.outbox().markDelivered(only(claimed, "evt_done"), now);
    Map<String, Optional<OutboxDelivery>> before = snapshot("evt_pending", "evt_held", "evt_done");

    for (String id : List.of("evt_pending", "evt_held", "evt_done", "evt_unknown")) {
      assertThat(second.outbox().replay(new OutboxEventId(id), now)).as(id).isFalse();
    }

    assertThat(snapshot("evt_pending", "evt_held", "evt_done")).isEqualTo(before);
  }

  @Test
  void find_of_an_unknown_event_is_empty() {
    append(event("evt_1", "pay_1", T0));

    assertThat(second.outbox().find(new OutboxEventId("evt_unknown"))).isEmpty();
  }

  // Backlog and purge.

  @Test
  void the_backlog_of_an_empty_outbox_is_nothing_waiting_for_no_time() {
    assertThat(second.outbox().backlog(T0)).isEqualTo(new OutboxBacklog(0, 0, Duration.ZERO));
  }

  @Test
  void the_backlog_counts_pending_and_claimed_as_undelivered_dead_apart_and_ages_the_oldest() {
    append(event("evt_delivered", "pay_1", T0));
    append(event("evt_pending", "pay_1", T0.plusSeconds(10)));
    append(event("evt_claimed", "pay_2", T0.plusSeconds(5)));
    append(event("evt_dead", "pay_3", T0.plusSeconds(1)));
    List<OutboxDelivery> claimed = stores.outbox().claim(T0.plusSeconds(20), 10, CLAIM);
    stores.outbox().markDelivered(only(claimed, "evt_delivered"), T0.plusSeconds(21));
    stores.outbox().markDead(only(claimed, "evt_dead"), "broken", T0.plusSeconds(21));
    Instant now = T0.plusSeconds(65);

    OutboxBacklog backlog = second.outbox().backlog(now);

    assertThat(backlog)
        .isEqualTo(new OutboxBacklog(2, 1, Duration.between(T0.plusSeconds(5), now)));
  }

  @Test
  void the_backlog_of_an_outbox_holding_only_delivered_and_dead_events_has_no_age() {
    append(event("evt_delivered", "pay_1", T0));
    append(event("evt_dead", "pay_2", T0));
    List<OutboxDelivery> claimed = stores.outbox().claim(T0, 10, CLAIM);
    stores.outbox().markDelivered(only(claimed, "evt_delivered"), T0.plusSeconds(1));
    stores.outbox().markDead(only(claimed, "evt_dead"), "broken", T0.plusSeconds(1));

    assertThat(second.outbox().backlog(T0.plusSeconds(60)))
        .isEqualTo(new OutboxBacklog(0, 1, Duration.ZERO));
  }

  @Test
  void purge_deletes_only_deliveries_delivered_before_the_cutoff() {
    for (int i = 1; i <= 4; i++) {
      append(event("evt_" + i, "pay_" + i, T0.plusMillis(i)));
    }
    List<OutboxDelivery> claimed = stores.outbox().claim(T0.plusSeconds(1), 3, CLAIM);
    stores.outbox().markDelivered(claimed.get(0), T0.plusSeconds(10));
    stores.outbox().markDelivered(claimed.get(1), T0.plusSeconds(20));
    stores.outbox().markDead(claimed.get(2), "broken", T0.plusSeconds(5));

    assertThat(second.outbox().purgeDelivered(T0.plusSeconds(20))).isEqualTo(1);

    assertThat(stores.outbox().find(new OutboxEventId("evt_1"))).isEmpty();
    assertThat(stores.outbox().find(new OutboxEventId("evt_2"))).isPresent();
    assertThat(stores.outbox().find(new OutboxEventId("evt_3"))).isPresent();
    assertThat(stores.outbox().find(new OutboxEventId("evt_4"))).isPresent();
    assertThat(second.outbox().purgeDelivered(T0.plusSeconds(20))).isZero();
  }

  @Test
  void numbering_goes_on_after_a_payments_delivered_events_are_purged() {
    append(event("evt_1", "pay_1", T0));
    append(event("evt_2", "pay_1", T0.plusSeconds(1)));
    assertThat(drain(stores.outbox(), T0.plusSeconds(2))).hasSize(2);
    assertThat(stores.outbox().purgeDelivered(T0.plus(Duration.ofDays(1)))).isEqualTo(2);

    OutboxEvent next = append(event("evt_3", "pay_1", T0.plus(Duration.ofDays(1))));

    assertThat(next.sequence()).isEqualTo(3);
  }

  // Claims and settlements in a phase.

  @Test
  void claims_and_marks_made_in_a_phase_that_throws_are_undone_with_it() {
    append(event("evt_deliver", "pay_1", T0));
    append(event("evt_fail", "pay_2", T0));
    append(event("evt_kill", "pay_3", T0));
    append(event("evt_dead", "pay_4", T0));
    append(event("evt_done", "pay_5", T0));
    Instant now = T0.plusSeconds(1);
    List<OutboxDelivery> claimed = stores.outbox().claim(now, 10, CLAIM);
    stores.outbox().markDead(only(claimed, "evt_dead"), "broken", now);
    stores.outbox().markDelivered(only(claimed, "evt_done"), now);
    append(event("evt_pending", "pay_6", T0));
    List<String> ids =
        List.of("evt_deliver", "evt_fail", "evt_kill", "evt_dead", "evt_done", "evt_pending");
    Map<String, Optional<OutboxDelivery>> before = snapshot(ids.toArray(String[]::new));
    OutboxBacklog backlogBefore = second.outbox().backlog(now);
    RuntimeException failure = new IllegalStateException("the phase failed after settling");

    assertThatThrownBy(
            () ->
                stores
                    .unitOfWork()
                    .atomically(
                        () -> {
                          Outbox outbox = stores.outbox();
                          assertThat(outbox.markDelivered(only(claimed, "evt_deliver"), now))
                              .isTrue();
                          assertThat(outbox.markFailed(only(claimed, "evt_fail"), "x", now))
                              .isTrue();
                          assertThat(outbox.markDead(only(claimed, "evt_kill"), "x", now)).isTrue();
                          assertThat(outbox.replay(new OutboxEventId("evt_dead"), now)).isTrue();
                          assertThat(outbox.purgeDelivered(now.plusSeconds(1))).isEqualTo(2);
                          assertThat(outbox.claim(now, 10, CLAIM)).isNotEmpty();
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(snapshot(ids.toArray(String[]::new))).isEqualTo(before);
    assertThat(second.outbox().backlog(now)).isEqualTo(backlogBefore);
    assertThat(stores.outbox().markDelivered(only(claimed, "evt_deliver"), now))
        .as("the claim still holds its delivery: the phase's settling of it is gone")
        .isTrue();
  }

  // Dispatchers racing on real threads.

  @Test
  void concurrent_claims_from_both_instances_never_share_a_delivery() {
    int paymentsCount = 64;
    for (int i = 0; i < paymentsCount; i++) {
      append(event("evt_" + i, "pay_" + i, T0.plus(i, ChronoUnit.MICROS)));
    }
    Instant now = T0.plusSeconds(1);

    List<Attempt<List<OutboxEventId>>> attempts =
        Concurrently.run(
            RACERS,
            thread ->
                () -> {
                  List<OutboxEventId> mine = new ArrayList<>();
                  List<OutboxDelivery> batch;
                  do {
                    batch = instance(thread).outbox().claim(now, 3, CLAIM);
                    batch.forEach(delivery -> mine.add(delivery.event().id()));
                  } while (!batch.isEmpty());
                  return mine;
                });

    assertThat(attempts).allMatch(Attempt::succeeded);
    List<OutboxEventId> claimed =
        attempts.stream().flatMap(attempt -> attempt.value().stream()).toList();
    assertThat(claimed).hasSize(paymentsCount).doesNotHaveDuplicates();
  }

  @Test
  void dispatchers_on_both_instances_deliver_every_event_once_in_order_per_payment() {
    int paymentsCount = 20;
    int perPayment = 5;
    for (int round = 1; round <= perPayment; round++) {
      for (int p = 0; p < paymentsCount; p++) {
        append(event("evt_" + p + "_" + round, "pay_" + p, T0.plusMillis(round)));
      }
    }
    Dispatch run = new Dispatch(paymentsCount * perPayment);

    List<Attempt<Integer>> dispatchers =
        Concurrently.run(8, thread -> () -> run.dispatch(instance(thread).outbox(), 0));

    assertThat(dispatchers).allMatch(Attempt::succeeded);
    run.assertEveryEventDeliveredOnceInOrder(paymentsCount, perPayment);
    assertThat(run.refusedMarks).as("no claim ran out, so no mark was refused").isEmpty();
    assertThat(second.outbox().backlog(T0.plusSeconds(1)))
        .isEqualTo(new OutboxBacklog(0, 0, Duration.ZERO));
  }

  @Test
  void events_appended_while_dispatchers_run_are_delivered_once_each_in_order_per_payment() {
    int appenders = 4;
    int dispatchers = 4;
    int paymentsCount = 6;
    int rounds = 5;
    for (int p = 0; p < paymentsCount; p++) {
      payment("pay_" + p);
    }
    Dispatch run = new Dispatch(appenders * paymentsCount * rounds);

    List<Attempt<Integer>> attempts =
        Concurrently.run(
            appenders + dispatchers,
            thread ->
                thread < appenders
                    ? () -> appendRounds(instance(thread), thread, paymentsCount, rounds)
                    : () -> run.dispatch(instance(thread).outbox(), 0));

    assertThat(attempts).allMatch(Attempt::succeeded);
    run.assertEveryEventDeliveredOnceInOrder(paymentsCount, appenders * rounds);
  }

  // Dispatchers that die between the handler's success and the mark.

  @Test
  void an_event_handled_by_a_dispatcher_that_died_before_marking_it_is_delivered_again() {
    append(event("evt_1", "pay_1", T0));
    append(event("evt_2", "pay_1", T0.plusSeconds(1)));
    OutboxDelivery handled = stores.outbox().claim(T0.plusSeconds(2), 10, CLAIM).get(0);
    // The dispatcher handed the event to the shop's handler, which returned, and died.
    Instant runsOut = handled.claimedUntil();

    assertThat(second.outbox().claim(runsOut.minus(1, ChronoUnit.MICROS), 10, CLAIM))
        .as("neither the held event nor the one behind it")
        .isEmpty();
    OutboxDelivery again = second.outbox().claim(runsOut, 10, CLAIM).get(0);
    assertThat(again.event()).isEqualTo(handled.event());
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(second.outbox().markDelivered(again, runsOut.plusSeconds(1))).isTrue();
    assertThat(stores.outbox().markDelivered(handled, runsOut.plusSeconds(2)))
        .as("the dead dispatcher's claim, were it to come back")
        .isFalse();
    assertThat(second.outbox().claim(runsOut.plusSeconds(2), 10, CLAIM))
        .extracting(this::idOf)
        .containsExactly("evt_2");
  }

  @Test
  void dispatchers_that_die_between_handling_and_marking_lose_no_event_and_keep_the_order() {
    int paymentsCount = 12;
    int perPayment = 4;
    for (int round = 1; round <= perPayment; round++) {
      for (int p = 0; p < paymentsCount; p++) {
        append(event("evt_" + p + "_" + round, "pay_" + p, T0.plusMillis(round)));
      }
    }
    Dispatch run = new Dispatch(paymentsCount * perPayment);

    List<Attempt<Integer>> dispatchers =
        Concurrently.run(8, thread -> () -> run.dispatch(instance(thread).outbox(), 3));

    assertThat(dispatchers).allMatch(Attempt::succeeded);
    assertThat(run.crashes.get()).as("dispatchers died").isPositive();
    run.assertEveryEventDeliveredOnceInOrder(paymentsCount, perPayment);
    assertThat(run.handled)
        .as("every event was handled, some more than once")
        .hasSizeGreaterThan(paymentsCount * perPayment);
    assertThat(stores.outbox().backlog(run.now()).undelivered()).isZero();
  }

  /**
   * A shared run of dispatchers: each claims a few heads, "handles" each (records it), and marks it
   * delivered. Time is a logical clock the dispatchers move on, one microsecond per claim, so that
   * claims of dispatchers that die run out while the run goes on.
   */
  private final class Dispatch {
    private static final Duration SHORT_CLAIM = Duration.of(100, ChronoUnit.MICROS);
    private static final int MAX_ROUNDS = 200_000;

    private final int total;
    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger deliveredCount = new AtomicInteger();
    private final AtomicInteger crashes = new AtomicInteger();
    private final Queue<Handled> handled = new ConcurrentLinkedQueue<>();
    private final Set<String> deliveredTokens = ConcurrentHashMap.newKeySet();
    private final Queue<OutboxEventId> delivered = new ConcurrentLinkedQueue<>();
    private final Queue<OutboxEventId> refusedMarks = new ConcurrentLinkedQueue<>();

    private Dispatch(int total) {
      this.total = total;
    }

    private Instant now() {
      return T0.plus(Duration.ofHours(1)).plus(clock.get(), ChronoUnit.MICROS);
    }

    /**
     * Dispatches until every event is delivered; with {@code dieEvery} above zero, every such
     * handled event this dispatcher "dies" after handling: it leaves the event, and the rest of its
     * batch, claimed and unmarked, and carries on as a fresh dispatcher. Returns its rounds.
     */
    private int dispatch(Outbox outbox, int dieEvery) {
      Duration claimFor = dieEvery > 0 ? SHORT_CLAIM : NEVER_RUNS_OUT;
      int handledHere = 0;
      int rounds = 0;
      while (deliveredCount.get() < total) {
        if (++rounds > MAX_ROUNDS) {
          throw new AssertionError(
              "dispatching did not end: " + deliveredCount.get() + " of " + total + " delivered");
        }
        clock.incrementAndGet();
        List<OutboxDelivery> batch = outbox.claim(now(), 3, claimFor);
        if (batch.isEmpty()) {
          Thread.onSpinWait();
          continue;
        }
        for (OutboxDelivery delivery : batch) {
          handled.add(new Handled(delivery.event(), delivery.claimToken()));
          if (dieEvery > 0 && ++handledHere % dieEvery == 0) {
            crashes.incrementAndGet();
            break;
          }
          if (outbox.markDelivered(delivery, now())) {
            deliveredTokens.add(delivery.claimToken());
            delivered.add(delivery.event().id());
            deliveredCount.incrementAndGet();
          } else {
            refusedMarks.add(delivery.event().id());
          }
        }
      }
      return rounds;
    }

    /**
     * Every event delivered (marked) exactly once; and, per payment, the handlings whose mark went
     * through came in sequence order 1 to {@code perPayment}: a dispatcher can claim an event only
     * once the one before it is delivered, which was after its handling.
     */
    private void assertEveryEventDeliveredOnceInOrder(int paymentsCount, int perPayment) {
      assertThat(delivered).hasSize(paymentsCount * perPayment).doesNotHaveDuplicates();
      Map<PaymentId, List<Long>> inOrder =
          handled.stream()
              .filter(each -> deliveredTokens.contains(each.claimToken()))
              .collect(
                  Collectors.groupingBy(
                      each -> each.event().paymentId(),
                      LinkedHashMap::new,
                      Collectors.mapping(each -> each.event().sequence(), Collectors.toList())));
      assertThat(inOrder).hasSize(paymentsCount);
      inOrder.forEach(
          (payment, numbers) ->
              assertThat(numbers).as("payment %s", payment).isEqualTo(oneTo(perPayment)));
      for (OutboxEventId id : delivered) {
        assertThat(second.outbox().find(id))
            .hasValueSatisfying(stored -> assertThat(stored.status()).isEqualTo(Status.DELIVERED));
      }
    }
  }

  private record Handled(OutboxEvent event, String claimToken) {}

  /** Appender {@code appender}'s phases: one event per payment per round, in a phase of its own. */
  private int appendRounds(Stores mine, int appender, int paymentsCount, int rounds) {
    int appended = 0;
    for (int round = 0; round < rounds; round++) {
      for (int p = 0; p < paymentsCount; p++) {
        OutboxEvent event =
            event("evt_" + appender + "_" + p + "_" + round, "pay_" + p, T0.plusMillis(round));
        mine.unitOfWork().atomically(() -> mine.outbox().append(event));
        appended++;
      }
    }
    return appended;
  }

  // Helpers.

  /**
   * Claims, and marks delivered, everything {@code via} hands out at {@code now} until it hands out
   * nothing; returns the events in the order they were delivered.
   */
  private static List<OutboxEvent> drain(Outbox via, Instant now) {
    List<OutboxEvent> delivered = new ArrayList<>();
    List<OutboxDelivery> batch;
    do {
      batch = via.claim(now, 10, CLAIM);
      for (OutboxDelivery delivery : batch) {
        assertThat(via.markDelivered(delivery, now)).as("delivered %s", delivery.event()).isTrue();
        delivered.add(delivery.event());
      }
    } while (!batch.isEmpty());
    return delivered;
  }

  /** {@code event} appended in a phase of its own, through the family under test. */
  private OutboxEvent append(OutboxEvent event) {
    return stores.unitOfWork().atomically(() -> stores.outbox().append(event));
  }

  /**
   * The payment {@code paymentId}, stored on first use, as the core stores it before its events.
   */
  private synchronized Payment payment(String paymentId) {
    Payment known = payments.get(paymentId);
    if (known != null) {
      return known;
    }
    Payment payment = created(paymentId, "order-" + paymentId, T0);
    stores.payments().insert(payment);
    payments.put(paymentId, payment);
    return payment;
  }

  private OutboxEvent event(String id, String paymentId, Instant at) {
    return event(id, paymentId, OutboxEventType.PAYMENT_STARTED, at);
  }

  private OutboxEvent event(String id, String paymentId, OutboxEventType type, Instant at) {
    Payment payment = payment(paymentId);
    Map<String, String> payload = new LinkedHashMap<>();
    payload.put("state", "STARTED");
    payload.put("amount.value", "1050");
    payload.put("amount.currency", "EUR");
    return new OutboxEvent(
        new OutboxEventId(id), type, payment.id(), null, payment.externalId(), 0, at, payload);
  }

  private OutboxEvent refundEvent(String id, String paymentId, String refundId, Instant at) {
    Payment payment = payment(paymentId);
    Map<String, String> payload = new LinkedHashMap<>();
    payload.put("refundState", "PENDING");
    payload.put("refundAmount.value", "500");
    payload.put("refundAmount.currency", "EUR");
    return new OutboxEvent(
        new OutboxEventId(id),
        OutboxEventType.REFUND_PENDING,
        payment.id(),
        refundId,
        payment.externalId(),
        0,
        at,
        payload);
  }

  private Map<String, Optional<OutboxDelivery>> snapshot(String... ids) {
    Map<String, Optional<OutboxDelivery>> found = new LinkedHashMap<>();
    for (String id : ids) {
      found.put(id, second.outbox().find(new OutboxEventId(id)));
    }
    return found;
  }

  private long sequenceOf(Outbox via, String id) {
    return via.find(new OutboxEventId(id)).orElseThrow().event().sequence();
  }

  private String idOf(OutboxDelivery delivery) {
    return delivery.event().id().value();
  }

  private String idOf(OutboxEvent event) {
    return event.id().value();
  }

  private OutboxDelivery only(List<OutboxDelivery> claimed, String id) {
    return claimed.stream()
        .filter(delivery -> idOf(delivery).equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " was not claimed: " + claimed));
  }

  private static OutboxDelivery withToken(OutboxDelivery delivery, String token) {
    return new OutboxDelivery(
        delivery.event(),
        delivery.status(),
        delivery.attempts(),
        delivery.nextAttemptAt(),
        token,
        delivery.claimedUntil(),
        delivery.lastError(),
        delivery.deliveredAt());
  }

  private Stores instance(int index) {
    return index % 2 == 0 ? stores : second;
  }

  private static List<Long> oneTo(long last) {
    return LongStream.rangeClosed(1, last).boxed().toList();
  }
}
