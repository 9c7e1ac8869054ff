package dev.paykit.port.in;

import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;

/**
 * Use case: the customer came back from the checkout. Asks the provider and applies its answer; the
 * redirect's own query parameters are never trusted. A payment the provider has not confirmed stays
 * pending.
 *
 * @throws PaymentNotFoundException if the id is unknown
 */
public interface VerifyPayment {
  Payment verify(PaymentId id);
}
