package dev.paykit.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idempotency keys: a key is reserved atomically while its first request runs, then remembers that
 * request's fingerprint and 2xx response for the idempotency window. Only 2xx results are kept: a
 * request that failed leaves the key free.
 */
final class IdempotencyStore {

  enum Kind {
    /** The key is ours now: act, then {@link #complete} or {@link #release}. */
    PROCEED,
    /** Same key, same request, result known: answer it again. */
    REPLAY,
    /** Same key, different request. */
    REUSE,
    /** The key's first request is still running. */
    IN_USE
  }

  record Decision(Kind kind, Response stored) {}

  private record Entry(String fingerprint, Response response, Instant storedAt) {
    boolean inFlight() {
      return response == null;
    }
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration window;

  IdempotencyStore(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
  }

  Decision begin(String key, String fingerprint) {
    Instant now = clock.instant();
    Decision[] decision = new Decision[1];
    entries.compute(
        key,
        (k, existing) -> {
          if (existing == null || (!existing.inFlight() && expired(existing, now))) {
            decision[0] = new Decision(Kind.PROCEED, null);
            return new Entry(fingerprint, null, now);
          }
          if (existing.inFlight()) {
            decision[0] = new Decision(Kind.IN_USE, null);
          } else if (!existing.fingerprint().equals(fingerprint)) {
            decision[0] = new Decision(Kind.REUSE, null);
          } else {
            decision[0] = new Decision(Kind.REPLAY, existing.response());
          }
          return existing;
        });
    return decision[0];
  }

  void complete(String key, Response response) {
    entries.computeIfPresent(
        key, (k, e) -> e.inFlight() ? new Entry(e.fingerprint(), response, clock.instant()) : e);
  }

  void release(String key) {
    entries.computeIfPresent(key, (k, e) -> e.inFlight() ? null : e);
  }

  Set<String> inFlightKeys() {
    Set<String> keys = new TreeSet<>();
    entries.forEach(
        (k, e) -> {
          if (e.inFlight()) {
            keys.add(k);
          }
        });
    return keys;
  }

  void purgeExpired() {
    Instant now = clock.instant();
    entries.entrySet().removeIf(e -> !e.getValue().inFlight() && expired(e.getValue(), now));
  }

  private boolean expired(Entry entry, Instant now) {
    return !now.isBefore(entry.storedAt().plus(window));
  }
}
