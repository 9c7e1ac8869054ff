package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.WebhookInbox;
import dev.paykit.testkit.WebhookInboxContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WebhookInbox contract on H2 in PostgreSQL mode, raced by two app instances with a pool each.
 */
class H2WebhookInboxTest extends WebhookInboxContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.h2();

  @Override
  protected WebhookInbox newInbox() {
    return database.first(WebhookInbox.class);
  }

  @Override
  protected WebhookInbox secondInstance() {
    return database.second(WebhookInbox.class);
  }
}
