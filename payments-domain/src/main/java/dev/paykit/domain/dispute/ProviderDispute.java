package dev.paykit.domain.dispute;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.TransactionId;
import java.time.Instant;
import java.util.Objects;

/** A dispute as the provider described it, in a webhook, a look-up or an answer to evidence. */
public record ProviderDispute(
    DisputeId disputeId,
    TransactionId transactionId,
    Money amount,
    DisputeReason reason,
    DisputeState status,
    Instant evidenceDueBy,
    Instant createdAt,
    Instant updatedAt) {

  public ProviderDispute {
    Objects.requireNonNull(disputeId, "disputeId");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(evidenceDueBy, "evidenceDueBy");
  }
}
