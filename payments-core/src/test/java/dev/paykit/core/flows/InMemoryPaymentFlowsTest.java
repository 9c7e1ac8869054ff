package dev.paykit.core.flows;

import dev.paykit.adapter.inmemory.InMemoryIdempotencyStore;
import dev.paykit.adapter.inmemory.InMemoryPaymentStore;
import dev.paykit.adapter.inmemory.InMemoryRefundStore;
import dev.paykit.adapter.inmemory.InMemoryWebhookInbox;

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
