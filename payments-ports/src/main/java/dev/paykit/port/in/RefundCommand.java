package dev.paykit.port.in;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.PaymentId;
import java.util.Objects;

/** Refund {@code amount} of a succeeded payment; {@code key} makes it safe to send again. */
public record RefundCommand(IdempotencyKey key, PaymentId paymentId, Money amount, String reason) {
  public RefundCommand {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(amount, "amount");
    reason = reason == null ? "requested_by_customer" : reason;
  }
}
