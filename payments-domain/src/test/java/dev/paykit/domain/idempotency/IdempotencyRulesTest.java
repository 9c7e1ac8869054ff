package dev.paykit.domain.idempotency;

import static dev.paykit.domain.idempotency.IdempotencyRecordTest.FINGERPRINT;
import static dev.paykit.domain.idempotency.IdempotencyRecordTest.T0;
import static dev.paykit.domain.idempotency.IdempotencyRecordTest.reserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fixture record is locked for 30 seconds from T0 and expires 24 hours after T0. */
class IdempotencyRulesTest {

  private static final RequestFingerprint OTHER = RequestFingerprint.of(Map.of("amount", "1051"));
  private static final Instant LOCK_END = T0.plusSeconds(30);
  private static final Instant EXPIRY = reserved().expiresAt();

  private static IdempotencyDecision decide(
      IdempotencyRecord stored, RequestFingerprint incoming, Instant now) {
    return IdempotencyRules.decide(Optional.ofNullable(stored), incoming, now);
  }

  @Test
  void nothing_stored_is_new() {
    assertThat(decide(null, FINGERPRINT, T0)).isEqualTo(new IdempotencyDecision.New());
  }

  @Test
  void the_same_completed_request_is_a_replay_of_the_stored_result() {
    IdempotencyRecord done = reserved().complete("pay_1");

    assertThat(decide(done, FINGERPRINT, T0.plusSeconds(5)))
        .isEqualTo(new IdempotencyDecision.Replay(done));
  }

  @Test
  void a_completed_request_is_replayed_even_after_its_lock_ran_out() {
    IdempotencyRecord done = reserved().complete("pay_1");

    assertThat(decide(done, FINGERPRINT, LOCK_END.plusSeconds(3600)))
        .isEqualTo(new IdempotencyDecision.Replay(done));
  }

  @Test
  void a_different_request_with_the_same_key_is_a_conflict() {
    IdempotencyRecord done = reserved().complete("pay_1");

    assertThat(decide(done, OTHER, T0.plusSeconds(5)))
        .isEqualTo(new IdempotencyDecision.Conflict(done));
  }

  @Test
  void a_different_request_is_a_conflict_even_while_the_first_is_in_progress() {
    assertThat(decide(reserved(), OTHER, T0.plusSeconds(5)))
        .isEqualTo(new IdempotencyDecision.Conflict(reserved()));
  }

  @Test
  void the_same_request_while_the_first_holds_the_lock_is_in_progress() {
    assertThat(decide(reserved(), FINGERPRINT, T0))
        .isEqualTo(new IdempotencyDecision.InProgress(reserved()));
    assertThat(decide(reserved(), FINGERPRINT, LOCK_END.minusNanos(1)))
        .isEqualTo(new IdempotencyDecision.InProgress(reserved()));
  }

  @Test
  void the_same_request_after_the_lock_expired_recovers_the_work() {
    assertThat(decide(reserved(), FINGERPRINT, LOCK_END))
        .isEqualTo(new IdempotencyDecision.Recover(reserved()));
    assertThat(decide(reserved(), FINGERPRINT, LOCK_END.plusSeconds(600)))
        .isEqualTo(new IdempotencyDecision.Recover(reserved()));
  }

  @Test
  void an_expired_record_counts_as_new_whatever_it_holds() {
    IdempotencyRecord done = reserved().complete("pay_1");

    assertThat(decide(done, FINGERPRINT, EXPIRY)).isEqualTo(new IdempotencyDecision.New());
    assertThat(decide(done, OTHER, EXPIRY)).isEqualTo(new IdempotencyDecision.New());
    assertThat(decide(reserved(), FINGERPRINT, EXPIRY.plusSeconds(1)))
        .isEqualTo(new IdempotencyDecision.New());
  }

  @Test
  void a_record_just_before_expiry_still_counts() {
    IdempotencyRecord done = reserved().complete("pay_1");

    assertThat(decide(done, FINGERPRINT, EXPIRY.minusNanos(1)))
        .isEqualTo(new IdempotencyDecision.Replay(done));
    assertThat(decide(done, OTHER, EXPIRY.minusNanos(1)))
        .isEqualTo(new IdempotencyDecision.Conflict(done));
  }

  @Test
  void requires_the_incoming_fingerprint_and_the_time() {
    assertThatNullPointerException()
        .isThrownBy(() -> IdempotencyRules.decide(Optional.empty(), null, T0));
    assertThatNullPointerException()
        .isThrownBy(() -> IdempotencyRules.decide(Optional.empty(), FINGERPRINT, null));
  }
}
