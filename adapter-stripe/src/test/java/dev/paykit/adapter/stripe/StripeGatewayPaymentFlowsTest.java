package dev.paykit.adapter.stripe;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.core.flows.PaymentFlowsContract;
import dev.paykit.port.out.Stores;
import dev.paykit.testkit.FlowProvider;
import dev.paykit.testkit.flows.FlowClock;

/**
 * Every payment flow, end to end through the real services, through the Stripe gateway over HTTP to
 * the project's fake Stripe (a fresh one per test, on the test's clock), on in-memory stores.
 */
class StripeGatewayPaymentFlowsTest extends PaymentFlowsContract {
  @Override
  protected Stores newStores() {
    return new InMemoryStores();
  }

  @Override
  protected FlowProvider newProvider(FlowClock clock) {
    return new StripeFlowProvider(clock);
  }
}
