package dev.paykit.port.in;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.PaymentRequest;
import java.util.Objects;

/** Create a payment for {@code request}; {@code key} makes it safe to send again. */
public record CreatePaymentCommand(IdempotencyKey key, PaymentRequest request) {
  public CreatePaymentCommand {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(request, "request");
  }
}
