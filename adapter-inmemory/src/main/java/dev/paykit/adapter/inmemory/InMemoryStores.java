package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.out.WebhookInbox;

/**
 * A family of in-memory stores: payments, idempotency keys, the webhook inbox, refunds, disputes
 * and the outbox, sharing one lock and one unit of work, so that a phase's writes to any of them
 * are kept or undone together. Each instance is a separate, empty set of data; safe for use from
 * many threads of one process. Nothing survives a restart.
 *
 * <pre>{@code
 * Stores stores = new InMemoryStores();
 * stores.unitOfWork().atomically(() -> {
 *   stores.idempotencyKeys().reserve(record, now);
 *   stores.payments().insert(payment);
 *   stores.outbox().append(OutboxEvents.created(payment, now)); // throws: all of it is undone
 * });
 * }</pre>
 */
public final class InMemoryStores implements Stores {
  private final InMemoryUnitOfWork unit = new InMemoryUnitOfWork();
  private final PaymentStore payments = new InMemoryPaymentStore(unit);
  private final IdempotencyStore keys = new InMemoryIdempotencyStore(unit);
  private final WebhookInbox inbox = new InMemoryWebhookInbox(unit);
  private final RefundStore refunds = new InMemoryRefundStore(unit);
  private final Outbox outbox = new InMemoryOutbox(unit);
  private final DisputeStore disputes = new InMemoryDisputeStore(unit);
  private final SubscriptionStore subscriptions = new InMemorySubscriptionStore(unit);

  @Override
  public PaymentStore payments() {
    return payments;
  }

  @Override
  public IdempotencyStore idempotencyKeys() {
    return keys;
  }

  @Override
  public WebhookInbox inbox() {
    return inbox;
  }

  @Override
  public RefundStore refunds() {
    return refunds;
  }

  @Override
  public DisputeStore disputes() {
    return disputes;
  }

  @Override
  public SubscriptionStore subscriptions() {
    return subscriptions;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public UnitOfWork unitOfWork() {
    return unit;
  }
}
