package dev.paykit.domain.idempotency;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The idempotency decision as a pure function of what is stored, the request and the time. */
public final class IdempotencyRules {
  private IdempotencyRules() {}

  public static IdempotencyDecision decide(
      Optional<IdempotencyRecord> stored, RequestFingerprint incoming, Instant now) {
    Objects.requireNonNull(incoming, "incoming");
    Objects.requireNonNull(now, "now");
    if (stored.isEmpty() || stored.get().isExpired(now)) {
      return new IdempotencyDecision.New();
    }
    IdempotencyRecord record = stored.get();
    if (!record.fingerprint().equals(incoming)) {
      return new IdempotencyDecision.Conflict(record);
    }
    if (record.status() == IdempotencyRecord.Status.COMPLETED) {
      return new IdempotencyDecision.Replay(record);
    }
    if (now.isBefore(record.lockedUntil())) {
      return new IdempotencyDecision.InProgress(record);
    }
    return new IdempotencyDecision.Recover(record);
  }
}
