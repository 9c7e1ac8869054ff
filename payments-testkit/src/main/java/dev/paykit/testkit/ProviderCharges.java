package dev.paykit.testkit;

import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.TransactionId;

/**
 * What the provider behind a gateway has actually done, read from its own records (the sandbox's
 * ledger, the provider's list API), never through the gateway under test: the check that a fault
 * charged once, or not at all, whatever the gateway reported.
 */
public interface ProviderCharges {

  /** Payments the provider created for the order, however many requests asked for them. */
  int paymentsCreated(ExternalId order);

  /** Refunds the provider created for the payment. */
  int refundsCreated(TransactionId payment);
}
