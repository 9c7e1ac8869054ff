package dev.paykit.service;

import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.port.in.PaymentNotFoundException;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.function.BiFunction;

/**
 * Applies one step to a stored payment under optimistic locking: read, apply, write if nobody else
 * wrote in between, and otherwise read again and re-apply to what the other writer left. The step
 * is a pure function, so re-applying it is always safe.
 */
final class PaymentUpdater {
  private static final int MAX_ATTEMPTS = 32;

  private final PaymentStore payments;
  private final PaykitObserver observer;
  private final Clock clock;

  PaymentUpdater(PaymentStore payments, PaykitObserver observer, Clock clock) {
    this.payments = payments;
    this.observer = observer;
    this.clock = clock;
  }

  TransitionResult apply(PaymentId id, ProviderReport report) {
    return update(id, (payment, now) -> payment.apply(report, now));
  }

  /**
   * Applies {@code step}, which may return null to say "nothing to do for the payment as it is now"
   * (another writer already moved it on); then nothing is written and null is returned.
   */
  TransitionResult update(PaymentId id, BiFunction<Payment, Instant, TransitionResult> step) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Payment current =
          payments.findById(id).orElseThrow(() -> new PaymentNotFoundException(id.value()));
      TransitionResult result = step.apply(current, clock.instant());
      if (result == null) {
        return null;
      }
      if (payments.update(result.payment(), current.version())) {
        observer.on(
            new PaykitEvent.PaymentTransition(
                result.entry().at(), result.payment(), result.entry()));
        return result;
      }
    }
    throw new ConcurrentModificationException(
        "payment " + id + " kept changing under " + MAX_ATTEMPTS + " attempts to update it");
  }
}
