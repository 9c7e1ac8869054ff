package dev.paykit.service;

import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.out.WebhookInbox;
import java.util.function.Supplier;

/**
 * A family of stores put together from parts: Mockito mocks of the stores, or real stores under
 * another unit of work.
 */
record StoresOf(
    PaymentStore payments,
    IdempotencyStore idempotencyKeys,
    WebhookInbox inbox,
    RefundStore refunds,
    DisputeStore disputes,
    SubscriptionStore subscriptions,
    Outbox outbox,
    UnitOfWork unitOfWork)
    implements Stores {

  /**
   * A unit of work that runs the work and nothing more: no lock, no undo. Each store call is then
   * atomic on its own and phases interleave, as transactions that rely on optimistic locking do;
   * under mocks, what a phase "undoes" is the test's to check.
   */
  static UnitOfWork passThrough() {
    return new UnitOfWork() {
      @Override
      public <T> T atomically(Supplier<T> work) {
        return work.get();
      }
    };
  }

  /** {@code stores}' own stores under {@code unitOfWork} instead of theirs. */
  static StoresOf under(Stores stores, UnitOfWork unitOfWork) {
    return new StoresOf(
        stores.payments(),
        stores.idempotencyKeys(),
        stores.inbox(),
        stores.refunds(),
        stores.disputes(),
        stores.subscriptions(),
        stores.outbox(),
        unitOfWork);
  }

  /** {@code stores} with {@code inbox} in place of theirs, under the same unit of work. */
  static StoresOf withInbox(Stores stores, WebhookInbox inbox) {
    return new StoresOf(
        stores.payments(),
        stores.idempotencyKeys(),
        inbox,
        stores.refunds(),
        stores.disputes(),
        stores.subscriptions(),
        stores.outbox(),
        stores.unitOfWork());
  }

  /** {@code stores} with {@code payments} in place of theirs, under the same unit of work. */
  static StoresOf withPayments(Stores stores, PaymentStore payments) {
    return new StoresOf(
        payments,
        stores.idempotencyKeys(),
        stores.inbox(),
        stores.refunds(),
        stores.disputes(),
        stores.subscriptions(),
        stores.outbox(),
        stores.unitOfWork());
  }

  /** {@code stores} with {@code outbox} in place of theirs, under the same unit of work. */
  static StoresOf withOutbox(Stores stores, Outbox outbox) {
    return new StoresOf(
        stores.payments(),
        stores.idempotencyKeys(),
        stores.inbox(),
        stores.refunds(),
        stores.disputes(),
        stores.subscriptions(),
        outbox,
        stores.unitOfWork());
  }
}
