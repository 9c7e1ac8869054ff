package dev.paykit.testkit.fake;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.testkit.ProviderFaults;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fake provider's faults of single attempts, armed through {@link ProviderFaults} and met by
 * the fake gateway's attempts in order. Guarded by the provider's lock.
 */
final class AttemptFaults implements ProviderFaults {

  /** What one attempt met; {@code retryAfter} is set for a rate limit. */
  record Armed(String what, boolean acts, Duration retryAfter) {}

  private static final class Remaining {
    final Armed fault;
    int attempts;

    Remaining(Armed fault, int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
      this.fault = fault;
      this.attempts = attempts;
    }
  }

  private final Object lock;
  private final Map<Call, Deque<Remaining>> armed = new EnumMap<>(Call.class);
  private final Map<Call, Map<IdempotencyKey, Integer>> attempts = new EnumMap<>(Call.class);

  AttemptFaults(Object lock) {
    this.lock = lock;
    for (Call call : Call.values()) {
      armed.put(call, new ArrayDeque<>());
      attempts.put(call, new HashMap<>());
    }
  }

  @Override
  public void dropAnswerAfterActing(Call call, int attempts) {
    arm(call, new Armed("timed out after the request was sent", true, null), attempts);
  }

  @Override
  public void closeAfterActing(Call call, int attempts) {
    arm(call, new Armed("connection lost after the request was sent", true, null), attempts);
  }

  @Override
  public void refuseBeforeActing(Call call, int attempts) {
    arm(call, new Armed("connection refused", false, null), attempts);
  }

  @Override
  public void rateLimit(Call call, int attempts, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    arm(call, new Armed("429 rate_limited", false, retryAfter), attempts);
  }

  @Override
  public void serverError(Call call, int attempts, int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("a server error is 500 to 599");
    }
    // The fake's server errors come before it acts, as the reference API's 5xx do.
    arm(call, new Armed(status + " server_error", false, null), attempts);
  }

  @Override
  public void slowBody(Call call, int attempts, Duration bodyTime) {
    Objects.requireNonNull(bodyTime, "bodyTime");
    // In process there is no body to wait for: the attempt's deadline passes, as it would.
    arm(call, new Armed("no complete answer in time", true, null), attempts);
  }

  @Override
  public void clear() {
    synchronized (lock) {
      armed.values().forEach(Deque::clear);
    }
  }

  @Override
  public int attempts(Call call, IdempotencyKey key) {
    synchronized (lock) {
      return attempts.get(call).getOrDefault(key, 0);
    }
  }

  /** Counts one attempt of {@code call} and takes the fault it meets, or null. */
  Armed attempt(Call call, IdempotencyKey key) {
    synchronized (lock) {
      attempts.get(call).merge(key, 1, Integer::sum);
      Deque<Remaining> queue = armed.get(call);
      Remaining next = queue.peek();
      if (next == null) {
        return null;
      }
      if (--next.attempts == 0) {
        queue.poll();
      }
      return next.fault;
    }
  }

  private void arm(Call call, Armed fault, int attempts) {
    Objects.requireNonNull(call, "call");
    synchronized (lock) {
      armed.get(call).add(new Remaining(fault, attempts));
    }
  }
}
