package dev.paykit.domain.payment;

import dev.paykit.domain.money.Money;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment as the provider described it, in a create response, a status look-up or a webhook.
 * {@code failure} is set only with {@link ProviderStatus#CANCELLED}.
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
    Instant expiresAt) {

  public ProviderPayment {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(externalId, "externalId");
    metadata = metadata == null ? Metadata.empty() : metadata;
  }

  public Optional<Failure> failureInfo() {
    return Optional.ofNullable(failure);
  }
}
