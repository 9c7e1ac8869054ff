package dev.paykit.domain.refund;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.TransactionId;
import java.time.Instant;
import java.util.Objects;

/** A refund as the provider described it ({@code rf_...}). */
public record ProviderRefund(
    String refundId,
    TransactionId transactionId,
    RefundState status,
    Money amount,
    Instant createdAt) {
  public ProviderRefund {
    Objects.requireNonNull(refundId, "refundId");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(amount, "amount");
    if (status == RefundState.REQUESTED) {
      throw new IllegalArgumentException("REQUESTED is a local state, never the provider's");
    }
  }
}
