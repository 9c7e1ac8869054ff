package dev.paykit.domain.payment;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.money.Money;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment as the provider described it, in a create response, a status look-up or a webhook.
 * {@code failure} is set with {@link ProviderStatus#DECLINED} (always: a decline with no reason
 * given is {@link FailureReason#DECLINED} without a code) and may be with {@link
 * ProviderStatus#CANCELLED}; {@code paymentMethod} only when the payment saved a method or charged
 * a saved one.
 */
public record ProviderPayment(
    TransactionId transactionId,
    ProviderStatus status,
    Money amount,
    ExternalId externalId,
    Metadata metadata,
    URI checkoutUrl,
    Failure failure,
    Instant createdAt,
    Instant updatedAt,
    Instant expiresAt,
    SavedPaymentMethod paymentMethod) {

  public ProviderPayment {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(externalId, "externalId");
    metadata = metadata == null ? Metadata.empty() : metadata;
    if (status == ProviderStatus.DECLINED) {
      if (failure == null) {
        failure = Failure.of(FailureReason.DECLINED);
      } else if (!failure.reason().isDecline()) {
        throw new ValidationException(
            "failure.reason",
            "not_a_decline",
            "a declined payment's failure must be DECLINED or FRAUD_SUSPECTED, not "
                + failure.reason());
      }
    }
  }

  /** A payment as described by a provider that saves no methods (v1). */
  public ProviderPayment(
      TransactionId transactionId,
      ProviderStatus status,
      Money amount,
      ExternalId externalId,
      Metadata metadata,
      URI checkoutUrl,
      Failure failure,
      Instant createdAt,
      Instant updatedAt,
      Instant expiresAt) {
    this(
        transactionId,
        status,
        amount,
        externalId,
        metadata,
        checkoutUrl,
        failure,
        createdAt,
        updatedAt,
        expiresAt,
        null);
  }

  /** The method the payment saved or charged (v1.1), if the provider said. */
  public Optional<SavedPaymentMethod> savedMethod() {
    return Optional.ofNullable(paymentMethod);
  }

  public Optional<Failure> failureInfo() {
    return Optional.ofNullable(failure);
  }
}
