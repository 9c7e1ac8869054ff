package dev.paykit.app.tour;

import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment as the store holds it, next to what the provider said of it over its API: the state its
 * status means, or empty when the look-up failed ({@code detail} says how).
 */
public record ProviderAgreement(
    Payment stored, Optional<PaymentState> providerSays, String detail) {
  public ProviderAgreement {
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(providerSays, "providerSays");
    Objects.requireNonNull(detail, "detail");
  }

  /** The provider's word means the state the store holds. */
  public boolean agrees() {
    return providerSays.map(said -> said == stored.state()).orElse(false);
  }

  /**
   * The store can never come to agree: the provider's word is before the store's state, or
   * contradicts a final one. A broken promise, since a payment only moves forward and the store
   * learnt its state from the provider; no wait for a webhook makes it right.
   */
  public boolean storeCannotCatchUp() {
    return providerSays
        .map(said -> !StateCheck.AT_OR_AFTER.holds(stored.state(), said))
        .orElse(false);
  }
}
