package dev.paykit.adapter.inmemory;

import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.out.WebhookInbox;

/**
 * A family of in-memory stores: payments, idempotency keys, the webhook inbox and refunds, sharing
 * one lock and one unit of work, so that a phase's writes to any of them are kept or undone
 * together. Each instance is a separate, empty set of data; safe for use from many threads of one
 * process. Nothing survives a restart.
 *
 * <pre>{@code
 * Stores stores = new InMemoryStores();
 * stores.unitOfWork().atomically(() -> {
 *   stores.idempotencyKeys().reserve(record, now);
 *   stores.payments().insert(payment); // throws: the reservation is undone too
 * });
 * }</pre>
 */
public final class InMemoryStores implements Stores {
  private final InMemoryUnitOfWork unit = new InMemoryUnitOfWork();
  private final PaymentStore payments = new InMemoryPaymentStore(unit);
  private final IdempotencyStore keys = new InMemoryIdempotencyStore(unit);
  private final WebhookInbox inbox = new InMemoryWebhookInbox(unit);
  private final RefundStore refunds = new InMemoryRefundStore(unit);

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
  public UnitOfWork unitOfWork() {
    return unit;
  }
}
