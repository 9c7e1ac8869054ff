package dev.paykit.port.in;

import dev.paykit.domain.payment.Payment;
import dev.paykit.port.shared.ProviderError;

/** What became of a create request; every variant carries the payment as stored. */
public sealed interface CreatePaymentResult {
  Payment payment();

  /** The provider accepted it: send the customer to {@code payment.checkoutUrl()}. */
  record Started(Payment payment) implements CreatePaymentResult {}

  /**
   * No answer came from the provider (timeout, lost response): the payment is {@code SUBMITTED}. It
   * may exist at the provider; the same key, or the reconciler, finishes it without a second
   * charge.
   */
  record Pending(Payment payment) implements CreatePaymentResult {}

  /** The provider is unavailable: the payment is {@code CREATED} and will be sent later. */
  record Queued(Payment payment) implements CreatePaymentResult {}

  /** The same key and request were seen before: this is that payment, nothing was done again. */
  record Replayed(Payment payment) implements CreatePaymentResult {}

  /** The order has a payment in flight already (created with another key): this is that one. */
  record ActivePaymentExists(Payment payment) implements CreatePaymentResult {}

  /** The provider refused the request; the payment is {@code FAILED}, nothing was charged. */
  record Rejected(Payment payment, ProviderError error) implements CreatePaymentResult {}
}
