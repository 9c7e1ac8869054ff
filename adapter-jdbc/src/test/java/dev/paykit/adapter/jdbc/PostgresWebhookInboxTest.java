package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.WebhookInbox;
import dev.paykit.testkit.WebhookInboxContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebhookInbox contract on PostgreSQL, raced by two app instances with a pool each. */
class PostgresWebhookInboxTest extends WebhookInboxContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected WebhookInbox newInbox() {
    return database.first(WebhookInbox.class);
  }

  @Override
  protected WebhookInbox secondInstance() {
    return database.second(WebhookInbox.class);
  }
}
