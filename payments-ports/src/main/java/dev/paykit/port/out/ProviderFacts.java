package dev.paykit.port.out;

import dev.paykit.domain.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * What the core must know about a provider to stay safe with it, declared by its gateway ({@link
 * ProviderGateway#facts()}) rather than assumed of every provider.
 *
 * @param idempotencyKeyMemory how long after a create the provider at least still answers a repeat
 *     with the same idempotency key by replaying its first answer, less a margin for clocks that
 *     disagree. Within it, the core sends a payment or refund whose answer was lost again with its
 *     key; after it, a repeat could charge or refund twice, so a payment is looked up by its order
 *     instead and a refund is left to a person.
 */
public record ProviderFacts(Duration idempotencyKeyMemory) {
  public ProviderFacts {
    Objects.requireNonNull(idempotencyKeyMemory, "idempotencyKeyMemory");
    if (idempotencyKeyMemory.isNegative() || idempotencyKeyMemory.isZero()) {
      throw new ValidationException(
          "idempotencyKeyMemory", "not_positive", "must be positive, was " + idempotencyKeyMemory);
    }
  }
}
