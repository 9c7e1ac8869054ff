package dev.paykit.service;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeReport;
import dev.paykit.domain.outbox.OutboxEvents;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.UnitOfWork;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Records a dispute Paykit hears of for the first time, in one phase: the dispute and its first
 * entry, the shop's {@code dispute.opened} event (and its outcome's, when the first word to arrive
 * was the outcome), and whatever belongs with them (marking the webhook processed). A dispute of a
 * payment not known here is not recorded: the caller tries again later, as for any event that came
 * before what it is about. Two workers opening the same dispute at once meet the store's unique id:
 * the loser's phase is undone and its event tried again, then applied as a repeat.
 */
final class DisputeOpener {
  private final PaymentStore payments;
  private final DisputeStore disputes;
  private final Outbox outbox;
  private final UnitOfWork unitOfWork;
  private final PaykitObserver observer;
  private final Clock clock;

  @Inject
  DisputeOpener(Stores stores, PaykitObserver observer, Clock clock) {
    this.payments = stores.payments();
    this.disputes = stores.disputes();
    this.outbox = stores.outbox();
    this.unitOfWork = stores.unitOfWork();
    this.observer = observer;
    this.clock = clock;
  }

  /**
   * The dispute {@code provider} opened, or empty when its payment is not known there (nothing was
   * written).
   */
  Optional<Dispute> open(ProviderName provider, DisputeReport report, Runnable alongside) {
    Optional<Dispute> opened =
        unitOfWork.atomically(
            () -> {
              Optional<Payment> payment =
                  payments.findByTransactionId(provider, report.dispute().transactionId());
              if (payment.isEmpty()) {
                return Optional.empty();
              }
              Dispute dispute = Dispute.open(payment.get().id(), report, clock.instant());
              disputes.insert(dispute);
              OutboxEvents.opened(dispute, payment.get(), clock.instant()).forEach(outbox::append);
              alongside.run();
              return Optional.of(dispute);
            });
    opened.ifPresent(
        dispute ->
            observer.on(
                new PaykitEvent.DisputeUpdated(clock.instant(), dispute, dispute.latest())));
    return opened;
  }
}
