package dev.paykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.idempotency.RequestFingerprint;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.IdempotencyStore.Reservation;
import dev.paykit.testkit.Concurrently.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link IdempotencyStore}. An implementation's test extends this class
 * and supplies an empty store per test with {@link #newStore()}; a store shared by several
 * processes also overrides {@link #secondInstance()}, and the concurrency cases then race the two.
 */
public abstract class IdempotencyStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private static final Duration LOCK = Duration.ofSeconds(30);
  private static final Duration RETENTION = Duration.ofHours(24);
  private static final IdempotencyScope SCOPE = IdempotencyScope.CREATE_PAYMENT;
  private static final IdempotencyKey KEY = IdempotencyKey.of("key-1");

  private IdempotencyStore store;
  private IdempotencyStore second;

  /** A store holding no records, called before every test. */
  protected abstract IdempotencyStore newStore();

  /**
   * Another instance over the same data as the store {@link #newStore()} just returned, as a second
   * process would have it. Called right after {@code newStore()}; the default is that same store.
   */
  protected IdempotencyStore secondInstance() {
    return store();
  }

  /** The store {@link #newStore()} returned for the running test. */
  protected final IdempotencyStore store() {
    return store;
  }

  @BeforeEach
  final void createStores() {
    store = newStore();
    second = secondInstance();
  }

  @Test
  void reserving_a_new_key_stores_the_record() {
    IdempotencyRecord record = reservation("request-a", "pay_1", T0);

    assertThat(store.reserve(record, T0)).isEqualTo(new Reservation.Reserved(record));

    assertThat(second.find(SCOPE, KEY)).contains(record);
  }

  @Test
  void reserving_a_key_with_a_live_record_returns_that_record_unchanged() {
    IdempotencyRecord first = reservation("request-a", "pay_1", T0);
    store.reserve(first, T0);
    IdempotencyRecord later = reservation("request-b", "pay_2", T0.plusSeconds(60));

    assertThat(second.reserve(later, T0.plusSeconds(60)))
        .isEqualTo(new Reservation.Existing(first));

    assertThat(store.find(SCOPE, KEY)).contains(first);
  }

  @Test
  void a_completed_record_stays_until_it_expires() {
    IdempotencyRecord first = reservation("request-a", "pay_1", T0);
    store.reserve(first, T0);
    store.complete(SCOPE, KEY, "pay_1");
    Instant lastLiveMoment = first.expiresAt().minus(1, ChronoUnit.MICROS);

    assertThat(second.reserve(reservation("request-b", "pay_2", lastLiveMoment), lastLiveMoment))
        .isEqualTo(new Reservation.Existing(first.complete("pay_1")));
  }

  @Test
  void an_expired_record_is_replaced_as_if_absent() {
    store.reserve(reservation("request-a", "pay_1", T0), T0);
    Instant expiry = T0.plus(RETENTION);
    IdempotencyRecord fresh = reservation("request-b", "pay_2", expiry);

    assertThat(second.reserve(fresh, expiry)).isEqualTo(new Reservation.Reserved(fresh));

    assertThat(store.find(SCOPE, KEY)).contains(fresh);
  }

  @Test
  void the_same_key_in_another_scope_is_a_different_record() {
    IdempotencyRecord create = reservation("request-a", "pay_1", T0);
    IdempotencyRecord refund =
        IdempotencyRecord.reserve(
            IdempotencyScope.CREATE_REFUND,
            KEY,
            fingerprint("refund-a"),
            "ref_1",
            T0,
            LOCK,
            RETENTION);

    assertThat(store.reserve(create, T0)).isInstanceOf(Reservation.Reserved.class);
    assertThat(store.reserve(refund, T0)).isInstanceOf(Reservation.Reserved.class);

    assertThat(second.find(SCOPE, KEY)).contains(create);
    assertThat(second.find(IdempotencyScope.CREATE_REFUND, KEY)).contains(refund);
  }

  @Test
  void find_of_an_unknown_key_is_empty() {
    store.reserve(reservation("request-a", "pay_1", T0), T0);

    assertThat(store.find(SCOPE, IdempotencyKey.of("key-unknown"))).isEmpty();
  }

  @Test
  void take_over_is_refused_while_the_lock_is_held() {
    IdempotencyRecord record = reservation("request-a", "pay_1", T0);
    store.reserve(record, T0);
    Instant stillLocked = record.lockedUntil().minus(1, ChronoUnit.MICROS);

    assertThat(second.takeOver(SCOPE, KEY, stillLocked, stillLocked.plus(LOCK))).isFalse();

    assertThat(store.find(SCOPE, KEY)).contains(record);
  }

  @Test
  void take_over_after_the_lock_ran_out_locks_the_record_again() {
    IdempotencyRecord record = reservation("request-a", "pay_1", T0);
    store.reserve(record, T0);
    Instant lockEnd = record.lockedUntil();
    Instant newLock = lockEnd.plus(LOCK);

    assertThat(second.takeOver(SCOPE, KEY, lockEnd, newLock)).isTrue();

    assertThat(store.find(SCOPE, KEY)).contains(lockedUntil(record, newLock));
  }

  @Test
  void take_over_of_a_completed_record_is_refused() {
    IdempotencyRecord record = reservation("request-a", "pay_1", T0);
    store.reserve(record, T0);
    store.complete(SCOPE, KEY, "pay_1");
    Instant late = record.lockedUntil().plusSeconds(1);

    assertThat(second.takeOver(SCOPE, KEY, late, late.plus(LOCK))).isFalse();

    assertThat(store.find(SCOPE, KEY)).contains(record.complete("pay_1"));
  }

  @Test
  void take_over_of_an_unknown_key_is_refused() {
    assertThat(store.takeOver(SCOPE, KEY, T0, T0.plus(LOCK))).isFalse();

    assertThat(store.find(SCOPE, KEY)).isEmpty();
  }

  @Test
  void exactly_one_of_16_concurrent_take_overs_wins() {
    IdempotencyRecord record = reservation("request-a", "pay_1", T0);
    store.reserve(record, T0);
    Instant now = record.lockedUntil().plusSeconds(1);

    List<Attempt<Boolean>> attempts =
        Concurrently.run(
            16, i -> () -> instance(i).takeOver(SCOPE, KEY, now, now.plus(LOCK).plusMillis(i)));

    assertThat(attempts).allMatch(Attempt::succeeded);
    List<Integer> winners =
        IntStream.range(0, 16).filter(i -> attempts.get(i).value()).boxed().toList();
    assertThat(winners).hasSize(1);
    assertThat(store.find(SCOPE, KEY))
        .contains(lockedUntil(record, now.plus(LOCK).plusMillis(winners.get(0))));
  }

  @Test
  void release_ends_the_lock_at_once_so_the_next_request_can_take_over() {
    IdempotencyRecord record = reservation("request-a", "pay_1", T0);
    store.reserve(record, T0);
    Instant releasedAt = T0.plusSeconds(2);

    second.release(SCOPE, KEY, releasedAt);

    assertThat(store.find(SCOPE, KEY)).contains(lockedUntil(record, releasedAt));
    assertThat(store.takeOver(SCOPE, KEY, releasedAt, releasedAt.plus(LOCK))).isTrue();
  }

  @Test
  void complete_marks_an_in_progress_record_completed_with_its_result() {
    IdempotencyRecord record = reservation("request-a", null, T0);
    store.reserve(record, T0);

    assertThat(second.complete(SCOPE, KEY, "pay_result")).isTrue();

    assertThat(store.find(SCOPE, KEY)).contains(record.complete("pay_result"));
  }

  @Test
  void complete_of_a_completed_record_is_refused_and_keeps_the_first_result() {
    IdempotencyRecord record = reservation("request-a", null, T0);
    store.reserve(record, T0);
    store.complete(SCOPE, KEY, "pay_first");

    assertThat(second.complete(SCOPE, KEY, "pay_second")).isFalse();

    assertThat(store.find(SCOPE, KEY)).contains(record.complete("pay_first"));
  }

  @Test
  void complete_of_an_unknown_key_is_refused() {
    assertThat(store.complete(SCOPE, KEY, "pay_1")).isFalse();

    assertThat(store.find(SCOPE, KEY)).isEmpty();
  }

  @Test
  void purge_deletes_only_the_records_that_expired_before_now() {
    IdempotencyRecord old = reservation(IdempotencyKey.of("key-old"), "request-a", T0);
    IdempotencyRecord recent =
        reservation(IdempotencyKey.of("key-recent"), "request-b", T0.plusSeconds(2));
    store.reserve(old, T0);
    store.reserve(recent, T0.plusSeconds(2));

    assertThat(second.purgeExpired(T0.plus(RETENTION).plusSeconds(1))).isEqualTo(1);

    assertThat(store.find(SCOPE, old.key())).isEmpty();
    assertThat(store.find(SCOPE, recent.key())).contains(recent);
  }

  @Test
  void exactly_one_of_64_threads_reserves_the_same_key() {
    List<IdempotencyRecord> records =
        IntStream.range(0, 64)
            .mapToObj(i -> reservation("request-" + i, "pay_" + i, T0.plusMillis(i)))
            .toList();

    List<Attempt<Reservation>> attempts =
        Concurrently.run(64, i -> () -> instance(i).reserve(records.get(i), T0.plusSeconds(1)));

    assertThat(attempts).allMatch(Attempt::succeeded);
    List<IdempotencyRecord> reserved = reservedRecords(attempts);
    assertThat(reserved).hasSize(1);
    assertThat(attempts)
        .filteredOn(attempt -> attempt.value() instanceof Reservation.Existing)
        .hasSize(63)
        .allSatisfy(
            attempt ->
                assertThat(((Reservation.Existing) attempt.value()).stored())
                    .isEqualTo(reserved.get(0)));
    assertThat(store.find(SCOPE, KEY)).contains(reserved.get(0));
  }

  @Test
  void exactly_one_of_16_threads_replaces_an_expired_record() {
    store.reserve(reservation("request-old", "pay_old", T0), T0);
    Instant expired = T0.plus(RETENTION).plusSeconds(1);
    List<IdempotencyRecord> records =
        IntStream.range(0, 16)
            .mapToObj(i -> reservation("request-" + i, "pay_" + i, expired.plusMillis(i)))
            .toList();

    List<Attempt<Reservation>> attempts =
        Concurrently.run(16, i -> () -> instance(i).reserve(records.get(i), expired));

    assertThat(attempts).allMatch(Attempt::succeeded);
    List<IdempotencyRecord> reserved = reservedRecords(attempts);
    assertThat(reserved).hasSize(1);
    assertThat(store.find(SCOPE, KEY)).contains(reserved.get(0));
  }

  private static List<IdempotencyRecord> reservedRecords(List<Attempt<Reservation>> attempts) {
    return attempts.stream()
        .map(Attempt::value)
        .filter(Reservation.Reserved.class::isInstance)
        .map(reservation -> ((Reservation.Reserved) reservation).record())
        .toList();
  }

  private IdempotencyStore instance(int index) {
    return index % 2 == 0 ? store : second;
  }

  private static IdempotencyRecord reservation(String request, String resultRef, Instant now) {
    return IdempotencyRecord.reserve(
        SCOPE, KEY, fingerprint(request), resultRef, now, LOCK, RETENTION);
  }

  private static IdempotencyRecord reservation(IdempotencyKey key, String request, Instant now) {
    return IdempotencyRecord.reserve(SCOPE, key, fingerprint(request), null, now, LOCK, RETENTION);
  }

  private static RequestFingerprint fingerprint(String request) {
    return RequestFingerprint.of(Map.of("request", request));
  }

  private static IdempotencyRecord lockedUntil(IdempotencyRecord record, Instant lockedUntil) {
    return new IdempotencyRecord(
        record.scope(),
        record.key(),
        record.fingerprint(),
        record.status(),
        record.resultRef(),
        lockedUntil,
        record.expiresAt(),
        record.createdAt());
  }
}
