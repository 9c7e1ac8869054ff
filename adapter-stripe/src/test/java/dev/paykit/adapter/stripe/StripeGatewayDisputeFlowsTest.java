package dev.paykit.adapter.stripe;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.core.flows.DisputeFlowsContract;
import dev.paykit.port.out.Stores;
import dev.paykit.testkit.FlowProvider;
import dev.paykit.testkit.flows.FlowClock;

/**
 * Every dispute flow, end to end through the real services, through the Stripe gateway over HTTP to
 * the project's fake Stripe (a fresh one per test, on the test's clock), on in-memory stores, with
 * evidence documents uploaded through the fake's Files API. The flows needing {@link
 * FlowProvider.Capability#ANY_DISPUTE_MOVE}, which Stripe and the fake lack, are reported as
 * skipped.
 */
class StripeGatewayDisputeFlowsTest extends DisputeFlowsContract {
  @Override
  protected Stores newStores() {
    return new InMemoryStores();
  }

  @Override
  protected FlowProvider newProvider(FlowClock clock) {
    return new StripeFlowProvider(clock);
  }
}
