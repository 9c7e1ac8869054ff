package dev.paykit.adapter.inmemory;

import dev.paykit.testkit.flows.PaymentFlowsContract;

class InMemoryPaymentFlowsTest extends PaymentFlowsContract {
  @Override
  protected Stores newStores() {
    return new Stores(
        new InMemoryPaymentStore(),
        new InMemoryIdempotencyStore(),
        new InMemoryWebhookInbox(),
        new InMemoryRefundStore());
  }
}
