package dev.paykit.testkit;

import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.TransactionId;

/**
 * What a customer or issuer does to a payment at the provider, for {@link ProviderGatewayContract}
 * to observe through the gateway. For the reference sandbox each is one call of its simulate
 * endpoint.
 */
public interface ProviderControl {

  /** The customer paid: the payment becomes {@code confirmed}. */
  void confirm(TransactionId transactionId);

  /** The issuer declined: {@code cancelled} with reason {@code declined} and {@code code}. */
  void decline(TransactionId transactionId, DeclineCode code);

  /** The customer gave up: {@code cancelled} with reason {@code customer_cancelled}. */
  void cancel(TransactionId transactionId);

  /** Nobody paid in time: {@code expired}. */
  void expire(TransactionId transactionId);
}
