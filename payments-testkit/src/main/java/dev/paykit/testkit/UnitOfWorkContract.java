package dev.paykit.testkit;

import static dev.paykit.testkit.ConflictAssertions.assertConflict;
import static dev.paykit.testkit.ConflictAssertions.assertConflictKind;
import static dev.paykit.testkit.PaymentSamples.created;
import static dev.paykit.testkit.PaymentSamples.moved;
import static dev.paykit.testkit.PaymentSamples.transactionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.idempotency.RequestFingerprint;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundId;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.IdempotencyStore.Reservation;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.testkit.Concurrently.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link UnitOfWork}, over the four stores of one family. An
 * implementation's test extends this class and supplies a family of empty stores per test with
 * {@link #newStores()}; stores shared by several processes also override {@link #secondInstance()},
 * and the cases then check what the phases wrote, and race them, through both.
 *
 * <p>Phases run on the family {@link #newStores()} returned; the second instance only reads and
 * races, as another process would.
 */
public abstract class UnitOfWorkContract {
  protected static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private static final int RACERS = 16;
  private static final Duration CLAIM = Duration.ofSeconds(30);
  private static final IdempotencyScope SCOPE = IdempotencyScope.CREATE_PAYMENT;
  private static final List<String> PARTS = List.of("payment", "key", "event");

  private Stores stores;
  private Stores second;

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
  }

  @Test
  void writes_to_every_store_in_a_phase_that_returns_are_all_kept_and_its_result_returned() {
    Payment payment = created("pay_1", "order-1", T0);
    IdempotencyRecord key = reservation("key-1", T0);
    InboxEvent event = received("evt_1");
    Refund refund = refund("ref_1", payment, 500);

    String result =
        phases()
            .atomically(
                () -> {
                  stores.idempotencyKeys().reserve(key, T0);
                  stores.payments().insert(payment);
                  stores.inbox().insert(event);
                  stores.refunds().insertWithin(refund, payment.request().amount());
                  return "done";
                });

    assertThat(result).isEqualTo("done");
    assertThat(second.idempotencyKeys().find(SCOPE, key.key())).contains(key);
    assertThat(second.payments().findById(payment.id())).contains(payment);
    assertThat(second.payments().history(payment.id())).containsExactly(payment.latest());
    assertThat(second.inbox().find(event.id())).contains(event);
    assertThat(second.refunds().findById(refund.id())).contains(refund);
  }

  @Test
  void a_phase_without_a_result_keeps_its_writes_too() {
    Payment payment = created("pay_1", "order-1", T0);
    InboxEvent event = received("evt_1");

    phases()
        .atomically(
            () -> {
              stores.payments().insert(payment);
              stores.inbox().insert(event);
            });

    assertThat(second.payments().findById(payment.id())).contains(payment);
    assertThat(second.inbox().find(event.id())).contains(event);
  }

  @Test
  void an_exception_in_a_phase_undoes_every_write_of_the_phase_and_propagates_as_thrown() {
    Before before = storedBeforeThePhase();
    Payment payment = created("pay_1", "order-1", T0);
    Payment started = moved(payment, PaymentState.STARTED, T0.plusSeconds(2));
    Payment succeeded = moved(before.payment(), PaymentState.SUCCEEDED, T0.plusSeconds(3));
    IdempotencyRecord key = reservation("key-1", T0);
    InboxEvent event = received("evt_1");
    Refund refund = refund("ref_1", payment, 500);
    RuntimeException failure = new IllegalStateException("the work failed after its writes");

    assertThatThrownBy(
            () ->
                phases()
                    .atomically(
                        () -> {
                          writeToEveryStore(before, payment, started, succeeded, key, event);
                          stores.refunds().insertWithin(refund, payment.request().amount());
                          throw failure;
                        }))
        .isSameAs(failure);

    assertNothingWrittenBut(before);
    assertNothingStoredOf(payment, key, event, refund);
  }

  @Test
  void a_failed_phase_leaves_the_inbox_backlog_dead_letters_and_claims_as_they_were() {
    InboxEvent waiting = received("evt_0");
    stores.inbox().insert(waiting);
    stores.inbox().insert(received("evt_dead"));
    InboxEvent toKill = stores.inbox().claim(T0, 10, CLAIM).get(1);
    assertThat(stores.inbox().release(stores.inbox().find(waiting.id()).orElseThrow())).isTrue();
    assertThat(stores.inbox().markDead(toKill, "GAVE_UP", T0.plusSeconds(1))).isTrue();
    InboxEvent dead = stores.inbox().find(toKill.id()).orElseThrow();
    RuntimeException failure = new IllegalStateException("the work failed after its writes");

    assertThatThrownBy(
            () ->
                phases()
                    .atomically(
                        () -> {
                          stores.inbox().insert(received("evt_2"));
                          List<InboxEvent> claimed = stores.inbox().claim(T0, 10, CLAIM);
                          assertThat(claimed)
                              .extracting(InboxEvent::id)
                              .containsExactly(waiting.id(), new EventId("evt_2"));
                          assertThat(
                                  stores.inbox().markProcessed(claimed.get(0), T0.plusSeconds(2)))
                              .isTrue();
                          assertThat(stores.inbox().replay(dead.provider(), dead.id(), T0))
                              .isTrue();
                          assertThat(stores.inbox().purgeProcessed(T0.plusSeconds(60)))
                              .isEqualTo(1);
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(second.inbox().backlog(T0.plusSeconds(10)))
        .isEqualTo(new InboxBacklog(1, 1, Duration.ofSeconds(10)));
    assertThat(second.inbox().deadLetters(10)).containsExactly(dead);
    assertThat(stores.inbox().claim(T0.plusSeconds(10), 10, CLAIM))
        .extracting(InboxEvent::id, InboxEvent::attempts)
        .containsExactly(tuple(waiting.id(), 1));
  }

  @Test
  void an_error_thrown_in_a_phase_undoes_its_writes_too() {
    Payment payment = created("pay_1", "order-1", T0);
    IdempotencyRecord key = reservation("key-1", T0);
    Error failure = new StackOverflowError("the work died after its writes");

    assertThatThrownBy(
            () ->
                phases()
                    .atomically(
                        () -> {
                          stores.idempotencyKeys().reserve(key, T0);
                          stores.payments().insert(payment);
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(second.payments().findById(payment.id())).isEmpty();
    assertThat(second.idempotencyKeys().find(SCOPE, key.key())).isEmpty();
  }

  @Test
  void a_store_conflict_in_a_phase_undoes_the_writes_before_it_and_propagates() {
    Payment active = created("pay_active", "order-1", T0);
    stores.payments().insert(active);
    IdempotencyRecord key = reservation("key-2", T0.plusSeconds(1));
    Payment secondForTheOrder = created("pay_2", "order-1", T0.plusSeconds(1));

    assertConflict(
        () ->
            phases()
                .atomically(
                    () -> {
                      stores.idempotencyKeys().reserve(key, T0.plusSeconds(1));
                      stores.payments().insert(secondForTheOrder);
                    }),
        StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER);

    assertThat(second.idempotencyKeys().find(SCOPE, key.key())).isEmpty();
    assertThat(second.payments().findByExternalId(new ExternalId("order-1")))
        .containsExactly(active);
  }

  @Test
  void each_phase_undoes_only_its_own_writes() {
    Payment first = created("pay_1", "order-1", T0);
    Payment kept = created("pay_2", "order-2", T0);
    Payment last = created("pay_3", "order-3", T0);
    RuntimeException failure = new IllegalStateException("the work failed");

    assertThatThrownBy(() -> phases().atomically(() -> failAfter(() -> insert(first), failure)))
        .isSameAs(failure);
    phases().atomically(() -> insert(kept));
    assertThatThrownBy(() -> phases().atomically(() -> failAfter(() -> insert(last), failure)))
        .isSameAs(failure);

    assertThat(second.payments().findById(first.id())).isEmpty();
    assertThat(second.payments().findById(kept.id())).contains(kept);
    assertThat(second.payments().findById(last.id())).isEmpty();
  }

  @Test
  void reads_inside_a_phase_see_the_writes_the_phase_made() {
    Payment payment = created("pay_1", "order-1", T0);
    Payment started = moved(payment, PaymentState.STARTED, T0.plusSeconds(1));
    IdempotencyRecord key = reservation("key-1", T0);
    InboxEvent event = received("evt_1");

    phases()
        .atomically(
            () -> {
              stores.idempotencyKeys().reserve(key, T0);
              assertThat(stores.idempotencyKeys().find(SCOPE, key.key())).contains(key);
              assertThat(stores.idempotencyKeys().reserve(reservation("key-1", T0), T0))
                  .isEqualTo(new Reservation.Existing(key));

              stores.payments().insert(payment);
              assertThat(stores.payments().findByIdempotencyKey(payment.idempotencyKey()))
                  .contains(payment);
              assertThat(stores.payments().update(started, 0)).isTrue();
              assertThat(stores.payments().findById(payment.id())).contains(started);
              assertThat(
                      stores
                          .payments()
                          .findByTransactionId(payment.provider(), transactionOf(payment)))
                  .contains(started);
              assertThat(stores.payments().findByExternalId(payment.externalId()))
                  .containsExactly(started);
              assertThat(stores.payments().history(payment.id()))
                  .containsExactly(payment.latest(), started.latest());

              stores.inbox().insert(event);
              assertThat(stores.inbox().claim(T0, 10, CLAIM))
                  .extracting(InboxEvent::id)
                  .containsExactly(event.id());

              Money paid = payment.request().amount();
              assertThat(stores.refunds().insertWithin(refund("ref_1", payment, 600), paid))
                  .isTrue();
              assertThat(stores.refunds().insertWithin(refund("ref_2", payment, 451), paid))
                  .as("the phase's own refund counts against the amount")
                  .isFalse();
            });

    assertThat(second.payments().findById(payment.id())).contains(started);
    assertThat(second.refunds().findByPaymentId(payment.id()))
        .extracting(Refund::id)
        .containsExactly(new RefundId("ref_1"));
  }

  @Test
  void a_nested_phase_joins_the_outer_one_and_sees_its_writes() {
    Payment payment = created("pay_1", "order-1", T0);
    IdempotencyRecord key = reservation("key-1", T0);

    phases()
        .atomically(
            () -> {
              stores.payments().insert(payment);
              Payment seen =
                  phases()
                      .atomically(
                          () -> {
                            stores.idempotencyKeys().reserve(key, T0);
                            return stores.payments().findById(payment.id()).orElseThrow();
                          });
              assertThat(seen).isEqualTo(payment);
              assertThat(stores.idempotencyKeys().find(SCOPE, key.key())).contains(key);
            });

    assertThat(second.payments().findById(payment.id())).contains(payment);
    assertThat(second.idempotencyKeys().find(SCOPE, key.key())).contains(key);
  }

  @Test
  void an_exception_in_the_outer_phase_undoes_the_writes_of_a_nested_phase_that_returned() {
    Payment payment = created("pay_1", "order-1", T0);
    IdempotencyRecord key = reservation("key-1", T0);
    RuntimeException failure = new IllegalStateException("the outer work failed");

    assertThatThrownBy(
            () ->
                phases()
                    .atomically(
                        () -> {
                          phases().atomically(() -> insert(payment));
                          stores.idempotencyKeys().reserve(key, T0);
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(second.payments().findById(payment.id())).isEmpty();
    assertThat(second.idempotencyKeys().find(SCOPE, key.key())).isEmpty();
  }

  @Test
  void of_16_phases_reserving_a_key_and_paying_one_order_one_wins_and_the_others_leave_no_key() {
    List<Attempt<PaymentId>> attempts =
        Concurrently.run(
            RACERS,
            i ->
                () -> {
                  Stores mine = instance(i);
                  Payment payment = created("pay_race_" + i, "order-race", T0.plusMillis(i));
                  return mine.unitOfWork()
                      .atomically(
                          () -> {
                            Reservation reserved =
                                mine.idempotencyKeys()
                                    .reserve(reservation("key-race-" + i, T0), T0);
                            assertThat(reserved).isInstanceOf(Reservation.Reserved.class);
                            mine.payments().insert(payment);
                            return payment.id();
                          });
                });

    List<Integer> winners =
        IntStream.range(0, RACERS).filter(i -> attempts.get(i).succeeded()).boxed().toList();
    assertThat(winners).hasSize(1);
    int winner = winners.get(0);
    for (int i = 0; i < RACERS; i++) {
      IdempotencyKey key = IdempotencyKey.of("key-race-" + i);
      if (i == winner) {
        assertThat(second.idempotencyKeys().find(SCOPE, key)).as("the winner's key").isPresent();
      } else {
        assertConflictKind(
            attempts.get(i).failure(), StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER);
        assertThat(second.idempotencyKeys().find(SCOPE, key)).as("a loser's key").isEmpty();
      }
    }
    assertThat(second.payments().findByExternalId(new ExternalId("order-race")))
        .extracting(Payment::id)
        .containsExactly(attempts.get(winner).value());
  }

  @Test
  void concurrent_readers_see_each_phase_whole_or_not_at_all() {
    int writers = 4;
    int readers = 4;
    int rounds = 20;
    AtomicInteger writersDone = new AtomicInteger();
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    RuntimeException failure = new IllegalStateException("every odd phase fails at its end");

    List<Attempt<Integer>> attempts =
        Concurrently.run(
            writers + readers,
            thread ->
                thread < writers
                    ? () -> write(thread, rounds, failure, writersDone)
                    : () -> readUntilDone(writers, rounds, writersDone, violations));

    assertThat(attempts).allMatch(Attempt::succeeded);
    assertThat(violations).isEmpty();
    assertThat(attempts.subList(0, writers))
        .as("phases each writer saw return")
        .allSatisfy(kept -> assertThat(kept.value()).isEqualTo(rounds / 2));
    for (int writer = 0; writer < writers; writer++) {
      for (int round = 0; round < rounds; round++) {
        assertThat(seen(writer, round))
            .as("phase %d of writer %d", round, writer)
            .isEqualTo(round % 2 == 0 ? PARTS : List.of());
      }
    }
  }

  @Test
  void writes_made_by_another_thread_during_a_phase_are_not_part_of_it() {
    Payment mine = created("pay_mine", "order-mine", T0);
    Payment theirs = created("pay_theirs", "order-theirs", T0);
    CountDownLatch phaseWrote = new CountDownLatch(1);
    RuntimeException failure = new IllegalStateException("the phase failed");

    List<Attempt<Boolean>> attempts =
        Concurrently.run(
            2,
            thread ->
                thread == 0
                    ? () ->
                        phases()
                            .atomically(
                                () -> {
                                  stores.payments().insert(mine);
                                  phaseWrote.countDown();
                                  pause(Duration.ofMillis(50));
                                  throw failure;
                                })
                    : () -> {
                      assertThat(phaseWrote.await(30, TimeUnit.SECONDS)).isTrue();
                      stores.payments().insert(theirs);
                      return true;
                    });

    assertThat(attempts.get(0).failure()).isSameAs(failure);
    assertThat(attempts.get(1).succeeded()).isTrue();
    assertThat(second.payments().findById(mine.id())).isEmpty();
    assertThat(second.payments().findById(theirs.id())).contains(theirs);
  }

  /** What was stored before the phase under test, each store holding something. */
  private record Before(
      Payment created, Payment payment, IdempotencyRecord key, InboxEvent claimed, Refund refund) {}

  private Before storedBeforeThePhase() {
    Payment created = created("pay_0", "order-0", T0);
    stores.payments().insert(created);
    Payment started = moved(created, PaymentState.STARTED, T0.plusSeconds(1));
    assertThat(stores.payments().update(started, 0)).isTrue();
    IdempotencyRecord key = reservation("key-0", T0);
    stores.idempotencyKeys().reserve(key, T0);
    stores.inbox().insert(received("evt_0"));
    InboxEvent claimed = stores.inbox().claim(T0, 1, CLAIM).get(0);
    Refund refund = refund("ref_0", started, 100);
    assertThat(stores.refunds().insertWithin(refund, started.request().amount())).isTrue();
    return new Before(created, started, key, claimed, refund);
  }

  /** One write of each kind to each store, over what {@code before} stored and new things. */
  private void writeToEveryStore(
      Before before,
      Payment payment,
      Payment started,
      Payment succeeded,
      IdempotencyRecord key,
      InboxEvent event) {
    assertThat(stores.idempotencyKeys().reserve(key, T0)).isInstanceOf(Reservation.Reserved.class);
    assertThat(stores.idempotencyKeys().complete(SCOPE, before.key().key(), "pay_0")).isTrue();
    stores.payments().insert(payment);
    assertThat(stores.payments().update(started, 0)).isTrue();
    assertThat(
            stores
                .payments()
                .countRepeat(
                    before.payment().id(), before.payment().latest().repeatedAt(T0.plusSeconds(2))))
        .isTrue();
    assertThat(stores.payments().update(succeeded, before.payment().version())).isTrue();
    assertThat(stores.payments().recordLookUp(before.payment().id(), T0.plusSeconds(60))).isTrue();
    assertThat(stores.inbox().insert(event)).isTrue();
    assertThat(stores.inbox().markProcessed(before.claimed(), T0.plusSeconds(3))).isTrue();
    assertThat(stores.refunds().update(before.refund().rejected(T0.plusSeconds(4)), 0)).isTrue();
  }

  private void assertNothingWrittenBut(Before before) {
    Payment payment = before.payment();
    assertThat(second.payments().findById(payment.id())).contains(payment);
    assertThat(second.payments().findByTransactionId(payment.provider(), transactionOf(payment)))
        .contains(payment);
    assertThat(second.payments().history(payment.id()))
        .containsExactly(before.created().latest(), payment.latest());
    assertThat(
            second.payments().findStale(EnumSet.of(PaymentState.STARTED), T0.plusSeconds(30), 10))
        .as("stale again: the phase's look-up is gone")
        .containsExactly(payment);
    assertThat(second.idempotencyKeys().find(SCOPE, before.key().key())).contains(before.key());
    assertThat(second.inbox().find(before.claimed().id())).contains(before.claimed());
    assertThat(second.refunds().findById(before.refund().id())).contains(before.refund());
    // The claim still holds its event: the phase's settling of it is gone, not just hidden.
    assertThat(stores.inbox().markProcessed(before.claimed(), T0.plusSeconds(5))).isTrue();
  }

  private void assertNothingStoredOf(
      Payment payment, IdempotencyRecord key, InboxEvent event, Refund refund) {
    assertThat(second.payments().findById(payment.id())).isEmpty();
    assertThat(second.payments().findByIdempotencyKey(payment.idempotencyKey())).isEmpty();
    assertThat(second.payments().findByTransactionId(payment.provider(), transactionOf(payment)))
        .isEmpty();
    assertThat(second.payments().findByExternalId(payment.externalId())).isEmpty();
    assertThat(second.payments().history(payment.id())).isEmpty();
    assertThat(
            second
                .payments()
                .findStale(EnumSet.allOf(PaymentState.class), T0.plus(Duration.ofDays(1)), 10))
        .extracting(Payment::id)
        .containsExactly(new PaymentId("pay_0"));
    assertThat(second.idempotencyKeys().find(SCOPE, key.key())).isEmpty();
    assertThat(second.inbox().find(event.id())).isEmpty();
    assertThat(second.refunds().findById(refund.id())).isEmpty();
    assertThat(second.refunds().findByPaymentId(payment.id())).isEmpty();
    // Nothing of the phase is left to get in the way of doing it again.
    stores.payments().insert(payment);
    assertThat(stores.idempotencyKeys().reserve(key, T0)).isInstanceOf(Reservation.Reserved.class);
    assertThat(stores.inbox().insert(event)).isTrue();
    assertThat(stores.refunds().insertWithin(refund, payment.request().amount())).isTrue();
  }

  /**
   * Writer {@code writer}'s phases, one per round, each storing a payment, a key and an event; the
   * odd ones fail at their end. Returns how many phases were kept.
   */
  private int write(int writer, int rounds, RuntimeException failure, AtomicInteger done) {
    int kept = 0;
    try {
      for (int round = 0; round < rounds; round++) {
        String id = writer + "_" + round;
        boolean fails = round % 2 == 1;
        try {
          phases()
              .atomically(
                  () -> {
                    stores.payments().insert(created("pay_" + id, "order-" + id, T0));
                    stores.idempotencyKeys().reserve(reservation("key-" + id, T0), T0);
                    stores.inbox().insert(received("evt_" + id));
                    if (fails) {
                      throw failure;
                    }
                  });
          kept++;
        } catch (IllegalStateException e) {
          if (e != failure) {
            throw e;
          }
        }
      }
      return kept;
    } finally {
      done.incrementAndGet();
    }
  }

  /**
   * Reads every writer's phases, outside any phase and through the second instance, until all
   * writers are done. Reads come in the order the phase wrote: a phase kept whole may show all of
   * its parts, none, or, when it ended between two reads, only the later ones; a part followed by a
   * missing later one is a phase seen half written, and any part of a failed phase one seen before
   * it was undone. Returns how many sweeps it made.
   */
  private int readUntilDone(
      int writers, int rounds, AtomicInteger writersDone, Queue<String> violations) {
    int sweeps = 0;
    boolean last;
    do {
      last = writersDone.get() == writers;
      for (int writer = 0; writer < writers; writer++) {
        for (int round = 0; round < rounds; round++) {
          List<String> seen = seen(writer, round);
          boolean allowed =
              seen.isEmpty() || (round % 2 == 0 && PARTS.subList(3 - seen.size(), 3).equals(seen));
          if (!allowed) {
            violations.add("phase " + round + " of writer " + writer + ": " + seen);
          }
        }
      }
      sweeps++;
    } while (!last);
    return sweeps;
  }

  /** Which parts of a phase the second instance shows, in the order the phase wrote them. */
  private List<String> seen(int writer, int round) {
    String id = writer + "_" + round;
    List<String> parts = new ArrayList<>(3);
    if (second.payments().findById(new PaymentId("pay_" + id)).isPresent()) {
      parts.add("payment");
    }
    if (second.idempotencyKeys().find(SCOPE, IdempotencyKey.of("key-" + id)).isPresent()) {
      parts.add("key");
    }
    if (second.inbox().find(new EventId("evt_" + id)).isPresent()) {
      parts.add("event");
    }
    return parts;
  }

  private UnitOfWork phases() {
    return stores.unitOfWork();
  }

  private Stores instance(int index) {
    return index % 2 == 0 ? stores : second;
  }

  private Payment insert(Payment payment) {
    stores.payments().insert(payment);
    return payment;
  }

  private static <T> T failAfter(Runnable work, RuntimeException failure) {
    work.run();
    throw failure;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static IdempotencyRecord reservation(String key, Instant now) {
    return IdempotencyRecord.reserve(
        SCOPE,
        IdempotencyKey.of(key),
        RequestFingerprint.of(Map.of("request", key)),
        null,
        now,
        Duration.ofSeconds(30),
        Duration.ofHours(24));
  }

  private static InboxEvent received(String id) {
    return InboxEvent.received(
        new EventId(id), "payment.status_changed", "{\"id\":\"" + id + "\"}", T0);
  }

  private static Refund refund(String id, Payment of, long minorUnits) {
    return Refund.request(
        new RefundId(id),
        of.id(),
        IdempotencyKey.of("key-" + id),
        Money.of(minorUnits, "EUR"),
        "requested_by_customer",
        T0);
  }
}
