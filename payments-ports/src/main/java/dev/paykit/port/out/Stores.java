package dev.paykit.port.out;

/**
 * One family of stores: the stores, the outbox and the unit of work that makes their writes atomic
 * together. What the core is built on; an adapter provides one (the JDBC adapter's {@code
 * JdbcStores}, the in-memory adapter's {@code InMemoryStores}). Stores of different families never
 * share a phase, so the core takes them as one.
 */
public interface Stores {
  PaymentStore payments();

  IdempotencyStore idempotencyKeys();

  WebhookInbox inbox();

  RefundStore refunds();

  DisputeStore disputes();

  SubscriptionStore subscriptions();

  /** The events for the shop, appended in the phases of the changes they report. */
  Outbox outbox();

  UnitOfWork unitOfWork();
}
