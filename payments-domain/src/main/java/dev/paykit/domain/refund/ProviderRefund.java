package dev.paykit.domain.refund;

import dev.paykit.domain.Require;
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
    // Printable ASCII like every other provider id: it is stored, logged and sent back in a path.
    Require.printableAscii("refundId", refundId, 1, 255);
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(amount, "amount");
    if (status == RefundState.REQUESTED) {
      throw new IllegalArgumentException("REQUESTED is a local state, never the provider's");
    }
  }
}
