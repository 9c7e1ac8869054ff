package dev.paykit.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.paykit.domain.idempotency.IdempotencyRecord.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotencyRecordTest {

  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  static final IdempotencyKey KEY = IdempotencyKey.of("order-8812-attempt-1");
  static final RequestFingerprint FINGERPRINT = RequestFingerprint.of(Map.of("amount", "1050"));

  static IdempotencyRecord reserved() {
    return IdempotencyRecord.reserve(
        IdempotencyScope.CREATE_PAYMENT,
        KEY,
        FINGERPRINT,
        "pay_1",
        T0,
        Duration.ofSeconds(30),
        Duration.ofHours(24));
  }

  @Test
  void a_reservation_is_in_progress_locked_for_a_while_and_remembered_longer() {
    IdempotencyRecord record = reserved();

    assertThat(record.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(record.scope()).isEqualTo(IdempotencyScope.CREATE_PAYMENT);
    assertThat(record.key()).isEqualTo(KEY);
    assertThat(record.fingerprint()).isEqualTo(FINGERPRINT);
    assertThat(record.result()).contains("pay_1");
    assertThat(record.lockedUntil()).isEqualTo(T0.plusSeconds(30));
    assertThat(record.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(record.createdAt()).isEqualTo(T0);
  }

  @Test
  void a_reservation_may_not_know_its_result_yet() {
    IdempotencyRecord record =
        IdempotencyRecord.reserve(
            IdempotencyScope.CREATE_REFUND,
            KEY,
            FINGERPRINT,
            null,
            T0,
            Duration.ofSeconds(30),
            Duration.ofHours(24));

    assertThat(record.result()).isEmpty();
  }

  @Test
  void completing_keeps_everything_but_the_status_and_the_result() {
    IdempotencyRecord done = reserved().complete("pay_2");

    assertThat(done.status()).isEqualTo(Status.COMPLETED);
    assertThat(done.result()).contains("pay_2");
    assertThat(done.lockedUntil()).isEqualTo(reserved().lockedUntil());
    assertThat(done.expiresAt()).isEqualTo(reserved().expiresAt());
    assertThat(done.createdAt()).isEqualTo(T0);
    assertThat(done.fingerprint()).isEqualTo(FINGERPRINT);
  }

  @Test
  void a_completed_record_needs_its_result() {
    assertThatNullPointerException().isThrownBy(() -> reserved().complete(null));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new IdempotencyRecord(
                    IdempotencyScope.CREATE_PAYMENT,
                    KEY,
                    FINGERPRINT,
                    Status.COMPLETED,
                    null,
                    T0,
                    T0,
                    T0));
  }

  @Test
  void relocking_moves_only_the_lock() {
    IdempotencyRecord relocked = reserved().relock(T0.plusSeconds(60), Duration.ofSeconds(30));

    assertThat(relocked.lockedUntil()).isEqualTo(T0.plusSeconds(90));
    assertThat(relocked.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(relocked.expiresAt()).isEqualTo(reserved().expiresAt());
    assertThat(relocked.createdAt()).isEqualTo(T0);
    assertThat(relocked.result()).contains("pay_1");
  }

  @Test
  void expires_at_its_expiry_instant() {
    IdempotencyRecord record = reserved();

    assertThat(record.isExpired(record.expiresAt().minusNanos(1))).isFalse();
    assertThat(record.isExpired(record.expiresAt())).isTrue();
    assertThat(record.isExpired(record.expiresAt().plusSeconds(1))).isTrue();
  }

  @Test
  void requires_its_fields() {
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new IdempotencyRecord(null, KEY, FINGERPRINT, Status.IN_PROGRESS, null, T0, T0, T0))
        .withMessage("scope");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new IdempotencyRecord(
                    IdempotencyScope.CREATE_PAYMENT,
                    KEY,
                    null,
                    Status.IN_PROGRESS,
                    null,
                    T0,
                    T0,
                    T0))
        .withMessage("fingerprint");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new IdempotencyRecord(
                    IdempotencyScope.CREATE_PAYMENT,
                    KEY,
                    FINGERPRINT,
                    Status.IN_PROGRESS,
                    null,
                    null,
                    T0,
                    T0))
        .withMessage("lockedUntil");
  }
}
