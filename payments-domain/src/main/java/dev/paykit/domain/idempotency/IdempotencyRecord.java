package dev.paykit.domain.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is stored for a key: the fingerprint of the request that reserved it, whether its work is
 * done, a reference to the result (for a create, the payment id), until when the holder's lock
 * lasts, and when the whole record may be forgotten.
 */
public record IdempotencyRecord(
    IdempotencyScope scope,
    IdempotencyKey key,
    RequestFingerprint fingerprint,
    Status status,
    String resultRef,
    Instant lockedUntil,
    Instant expiresAt,
    Instant createdAt) {

  public enum Status {
    IN_PROGRESS,
    COMPLETED
  }

  public IdempotencyRecord {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(createdAt, "createdAt");
    if (status == Status.COMPLETED && resultRef == null) {
      throw new IllegalArgumentException("a completed record needs its result reference");
    }
  }

  /** A fresh reservation held for {@code lockFor} and remembered for {@code retention}. */
  public static IdempotencyRecord reserve(
      IdempotencyScope scope,
      IdempotencyKey key,
      RequestFingerprint fingerprint,
      String resultRef,
      Instant now,
      Duration lockFor,
      Duration retention) {
    return new IdempotencyRecord(
        scope,
        key,
        fingerprint,
        Status.IN_PROGRESS,
        resultRef,
        now.plus(lockFor),
        now.plus(retention),
        now);
  }

  public IdempotencyRecord complete(String result) {
    return new IdempotencyRecord(
        scope,
        key,
        fingerprint,
        Status.COMPLETED,
        Objects.requireNonNull(result, "result"),
        lockedUntil,
        expiresAt,
        createdAt);
  }

  /** The same reservation, locked again by a request that takes over expired work. */
  public IdempotencyRecord relock(Instant now, Duration lockFor) {
    return new IdempotencyRecord(
        scope, key, fingerprint, status, resultRef, now.plus(lockFor), expiresAt, createdAt);
  }

  public Optional<String> result() {
    return Optional.ofNullable(resultRef);
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
