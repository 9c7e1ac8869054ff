package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.WebhookInbox;
import dev.paykit.testkit.WebhookInboxContract;

class InMemoryWebhookInboxTest extends WebhookInboxContract {
  @Override
  protected WebhookInbox newInbox() {
    return new InMemoryStores().inbox();
  }
}
