package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyDecision;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyRules;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.idempotency.RequestFingerprint;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.refund.RefundDecision;
import dev.paykit.domain.refund.RefundId;
import dev.paykit.domain.refund.RefundPolicy;
import dev.paykit.port.in.IdempotencyKeyReusedException;
import dev.paykit.port.in.PaymentNotFoundException;
import dev.paykit.port.in.RefundCommand;
import dev.paykit.port.in.RefundNotAllowedException;
import dev.paykit.port.in.RefundPayment;
import dev.paykit.port.in.RefundResult;
import dev.paykit.port.in.RequestInProgressException;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.RefundStore;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Refunds idempotently, never more than was paid: the refund policy decides, and the store's atomic
 * {@code insertWithin} holds the line against concurrent refunds with different keys.
 */
public final class RefundService implements RefundPayment {
  private static final IdempotencyScope SCOPE = IdempotencyScope.CREATE_REFUND;

  private final PaymentStore payments;
  private final RefundStore refunds;
  private final IdempotencyStore keys;
  private final RefundSubmitter submitter;
  private final PaykitObserver observer;
  private final PaykitSettings settings;
  private final Clock clock;

  @Inject
  public RefundService(
      PaymentStore payments,
      RefundStore refunds,
      IdempotencyStore keys,
      ProviderGateway gateway,
      PaykitObserver observer,
      PaykitSettings settings,
      Clock clock) {
    this.payments = payments;
    this.refunds = refunds;
    this.keys = keys;
    this.submitter = new RefundSubmitter(refunds, keys, gateway, observer, clock);
    this.observer = observer;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public RefundResult refund(RefundCommand command) {
    Payment payment =
        payments
            .findById(command.paymentId())
            .orElseThrow(() -> new PaymentNotFoundException(command.paymentId().value()));
    RequestFingerprint fingerprint =
        RequestFingerprint.of(
            Map.of(
                "paymentId", command.paymentId().value(),
                "amount.value", Long.toString(command.amount().minorUnits()),
                "amount.currency", command.amount().currencyCode(),
                "reason", command.reason()));
    Instant now = clock.instant();
    RefundId id = RefundId.random();
    IdempotencyStore.Reservation reserved =
        keys.reserve(
            IdempotencyRecord.reserve(
                SCOPE,
                command.key(),
                fingerprint,
                id.value(),
                now,
                settings.idempotencyLock(),
                settings.idempotencyRetention()),
            now);
    if (reserved instanceof IdempotencyStore.Reservation.Reserved) {
      return start(id, payment, command);
    }
    IdempotencyRecord stored = ((IdempotencyStore.Reservation.Existing) reserved).stored();
    IdempotencyDecision decision = IdempotencyRules.decide(Optional.of(stored), fingerprint, now);
    if (decision instanceof IdempotencyDecision.Conflict) {
      observer.on(new PaykitEvent.IdempotencyConflict(now, SCOPE.value()));
      throw new IdempotencyKeyReusedException("refund");
    }
    if (decision instanceof IdempotencyDecision.Replay) {
      observer.on(new PaykitEvent.IdempotentReplay(now, SCOPE.value(), stored.resultRef()));
      return new RefundResult.Replayed(
          refunds.findById(new RefundId(stored.resultRef())).orElseThrow());
    }
    if (decision instanceof IdempotencyDecision.Recover
        && keys.takeOver(SCOPE, command.key(), now, now.plus(settings.idempotencyLock()))) {
      RefundId earlier = new RefundId(stored.resultRef());
      Optional<Refund> recorded = refunds.findById(earlier);
      return recorded.isPresent()
          ? submitter.submit(recorded.get(), payment)
          : start(earlier, payment, command);
    }
    throw new RequestInProgressException("refund");
  }

  private RefundResult start(RefundId id, Payment payment, RefundCommand command) {
    RefundDecision decision =
        RefundPolicy.decide(payment, refunds.findByPaymentId(payment.id()), command.amount());
    if (!(decision instanceof RefundDecision.Allowed)) {
      keys.release(SCOPE, command.key(), clock.instant());
      throw new RefundNotAllowedException(decision);
    }
    Refund refund =
        Refund.request(
            id, payment.id(), command.key(), command.amount(), command.reason(), clock.instant());
    if (!refunds.insertWithin(refund, payment.request().amount())) {
      keys.release(SCOPE, command.key(), clock.instant());
      throw new RefundNotAllowedException(
          new RefundDecision.ExceedsPayment(
              command.amount(),
              RefundPolicy.refundable(payment, refunds.findByPaymentId(payment.id()))));
    }
    return submitter.submit(refund, payment);
  }
}
