package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.Refund;
import dev.paykit.port.in.RefundResult;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.shared.ProviderError;
import java.time.Clock;

/**
 * Sends a recorded refund to the provider with the refund's own idempotency key, whoever asks: the
 * first request, a retry with the same key, or the reconciler. Because the key never changes,
 * sending again can never refund twice.
 *
 * <p>As for payments, the key is completed only when the provider gave a definitive answer;
 * otherwise it is released and the refund stays {@code REQUESTED} for the next attempt.
 */
final class RefundSubmitter {
  private static final IdempotencyScope SCOPE = IdempotencyScope.CREATE_REFUND;

  private final RefundStore refunds;
  private final IdempotencyStore keys;
  private final ProviderGateway gateway;
  private final PaykitObserver observer;
  private final Clock clock;

  RefundSubmitter(
      RefundStore refunds,
      IdempotencyStore keys,
      ProviderGateway gateway,
      PaykitObserver observer,
      Clock clock) {
    this.refunds = refunds;
    this.keys = keys;
    this.gateway = gateway;
    this.observer = observer;
    this.clock = clock;
  }

  RefundResult submit(Refund refund, Payment payment) {
    ProviderResult<ProviderRefund> answer =
        gateway.createRefund(
            payment.transactionId(), refund.amount(), refund.reason(), refund.idempotencyKey());
    if (answer instanceof ProviderResult.Success<ProviderRefund> success) {
      Refund updated = RefundUpdates.apply(refunds, refund, success.value(), observer, clock);
      keys.complete(SCOPE, refund.idempotencyKey(), refund.id().value());
      return new RefundResult.Accepted(updated);
    }
    if (answer instanceof ProviderResult.Rejected<ProviderRefund> rejected
        && !undecided(rejected.error())) {
      Refund failed = refund.rejected(clock.instant());
      if (failed != refund) {
        refunds.update(failed, refund.version());
      }
      observer.on(new PaykitEvent.RefundUpdated(clock.instant(), failed, "REJECTED"));
      keys.complete(SCOPE, refund.idempotencyKey(), refund.id().value());
      return new RefundResult.Rejected(failed, rejected.error());
    }
    keys.release(SCOPE, refund.idempotencyKey(), clock.instant());
    return new RefundResult.Pending(refund);
  }

  /**
   * A refusal that says nothing about the refund itself: the provider is still working on this very
   * key, or refused our credentials before looking at the request. Failing the refund for either
   * would free its amount while the provider may still pay it out.
   */
  private static boolean undecided(ProviderError error) {
    return error.kind() == ProviderError.Kind.IDEMPOTENCY_KEY_IN_USE
        || error.kind() == ProviderError.Kind.AUTHENTICATION;
  }
}
