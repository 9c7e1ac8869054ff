package dev.paykit.domain.payment;

import dev.paykit.domain.Require;
import java.util.UUID;

/** Paykit's own id of a payment, known before the provider has heard of it. */
public record PaymentId(String value) {
  public PaymentId {
    Require.printableAscii("paymentId", value, 1, 64);
  }

  public static PaymentId random() {
    return new PaymentId("pay_" + UUID.randomUUID().toString().replace("-", ""));
  }

  @Override
  public String toString() {
    return value;
  }
}
