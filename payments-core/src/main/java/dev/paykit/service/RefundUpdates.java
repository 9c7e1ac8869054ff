package dev.paykit.service;

import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.Refund;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.RefundStore;
import java.time.Clock;
import java.util.ConcurrentModificationException;

/** Applies what the provider said of a refund, under optimistic locking like payments. */
final class RefundUpdates {
  private static final int MAX_ATTEMPTS = 32;

  private RefundUpdates() {}

  static Refund apply(
      RefundStore refunds,
      Refund known,
      ProviderRefund said,
      PaykitObserver observer,
      Clock clock) {
    Refund current = known;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Refund.Update update = current.apply(said, clock.instant());
      if (update.refund() == current || refunds.update(update.refund(), current.version())) {
        observer.on(
            new PaykitEvent.RefundUpdated(
                clock.instant(), update.refund(), update.outcome().name()));
        return update.refund();
      }
      current = refunds.findById(current.id()).orElseThrow();
    }
    throw new ConcurrentModificationException("refund " + known.id() + " kept changing");
  }
}
