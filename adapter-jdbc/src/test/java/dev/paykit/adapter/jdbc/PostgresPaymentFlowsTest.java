package dev.paykit.adapter.jdbc;

import dev.paykit.core.flows.PaymentFlowsContract;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.WebhookInbox;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every payment flow, end to end through the real services, on PostgreSQL. */
class PostgresPaymentFlowsTest extends PaymentFlowsContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected Stores newStores() {
    return new Stores(
        database.first(PaymentStore.class),
        database.first(IdempotencyStore.class),
        database.first(WebhookInbox.class),
        database.first(RefundStore.class));
  }
}
