package dev.paykit.adapter.http;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.core.flows.DisputeFlowsContract;
import dev.paykit.port.out.Stores;
import dev.paykit.testkit.FlowProvider;
import dev.paykit.testkit.flows.FlowClock;

/**
 * Every dispute flow, end to end through the real services, through the reference gateway over HTTP
 * to the reference sandbox (a fresh one per test, on the test's clock), on in-memory stores. The
 * flows needing {@link FlowProvider.Capability#ANY_DISPUTE_MOVE}, which the sandbox lacks, are
 * reported as skipped.
 */
class ReferenceGatewayDisputeFlowsTest extends DisputeFlowsContract {
  @Override
  protected Stores newStores() {
    return new InMemoryStores();
  }

  @Override
  protected FlowProvider newProvider(FlowClock clock) {
    return new ReferenceGatewayFlowProvider(clock);
  }
}
