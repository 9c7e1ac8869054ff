package dev.paykit.testkit;

import dev.paykit.domain.idempotency.IdempotencyKey;
import java.time.Duration;

/**
 * The faults {@link ProviderGatewayContract} makes the provider behind a gateway commit, so that it
 * can check what the gateway makes of each: whether the provider certainly did not act ({@code
 * Unavailable}), may have acted ({@code Unknown}), or was asked again with the same key until it
 * answered. A gateway author implements these hooks against their own sandbox: with its fault
 * injection where it has the fault, or with {@link dev.paykit.testkit.http.FaultProxy} in front of
 * it for an HTTP provider (which covers all of them).
 *
 * <p>Each method arms a fault for the next {@code attempts} requests of one {@link Call} that reach
 * the provider; a request is one attempt of the gateway, so a gateway that retries meets an armed
 * fault again on its next attempt. Faults are used in the order they were armed: {@code
 * dropAnswerAfterActing(CREATE_PAYMENT, 1)} then {@code refuseBeforeActing(CREATE_PAYMENT, 5)}
 * loses the first attempt's answer and refuses the next five. Requests beyond the armed faults are
 * served normally. The contract arms faults from one test at a time and calls {@link #clear()}
 * after every test.
 */
public interface ProviderFaults {

  /** The calls faults are armed for: the two that move money, and carry an idempotency key. */
  enum Call {
    /** {@link dev.paykit.port.out.ProviderGateway#createPayment}. */
    CREATE_PAYMENT,
    /** {@link dev.paykit.port.out.ProviderGateway#createRefund}. */
    CREATE_REFUND
  }

  /**
   * The provider acts (creates the payment or the refund, and remembers the answer for the key),
   * then the answer never comes: the connection stays open, without a byte of response, for longer
   * than the gateway waits for one. What the gateway sees is a timeout after it sent the request.
   */
  void dropAnswerAfterActing(Call call, int attempts);

  /**
   * The provider acts, then the connection is closed without an answer: the gateway sees the
   * connection lost after it sent the request.
   */
  void closeAfterActing(Call call, int attempts);

  /**
   * The request is refused before the provider acts, in a way the gateway can tell from an answer
   * lost after acting: the connection is refused, or the provider answers what its API documents as
   * "not processed" ({@code 503 unavailable} for the reference API).
   */
  void refuseBeforeActing(Call call, int attempts);

  /** {@code 429} with {@code Retry-After: <whole seconds of retryAfter>}, without acting. */
  void rateLimit(Call call, int attempts, Duration retryAfter);

  /** {@code status} (500 to 599), without acting. */
  void serverError(Call call, int attempts, int status);

  /**
   * The provider acts and its answer starts at once (status and headers), but the body arrives a
   * byte at a time, taking {@code bodyTime} in all: longer than the gateway should wait for a whole
   * answer.
   */
  void slowBody(Call call, int attempts, Duration bodyTime);

  /** Disarms every fault still armed. */
  void clear();

  /**
   * The requests of {@code call} carrying {@code key} that reached the provider (or the fault layer
   * in front of it) since the provider started, faulted ones included: the gateway's attempts.
   */
  int attempts(Call call, IdempotencyKey key);
}
