package dev.paykit.adapter.http;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.core.flows.PaymentFlowsContract;
import dev.paykit.port.out.Stores;
import dev.paykit.testkit.FlowProvider;
import dev.paykit.testkit.flows.FlowClock;

/**
 * Every payment flow, end to end through the real services, through the reference gateway over HTTP
 * to the reference sandbox (a fresh one per test, on the test's clock), on in-memory stores: the
 * flows hold against a provider that is not the testkit's fake. The flows needing {@link
 * FlowProvider.Capability#SCRIPTED_REFUSALS}, which the sandbox lacks, are reported as skipped.
 */
class ReferenceGatewayPaymentFlowsTest extends PaymentFlowsContract {
  @Override
  protected Stores newStores() {
    return new InMemoryStores();
  }

  @Override
  protected FlowProvider newProvider(FlowClock clock) {
    return new ReferenceGatewayFlowProvider(clock);
  }
}
