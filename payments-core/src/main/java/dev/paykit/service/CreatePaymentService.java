package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyDecision;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyRules;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.idempotency.RequestFingerprint;
import dev.paykit.domain.order.DuplicateOrderRule;
import dev.paykit.domain.order.OrderDecision;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.IdempotencyKeyReusedException;
import dev.paykit.port.in.OrderAlreadyPaidException;
import dev.paykit.port.in.RequestInProgressException;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.StoreConflictException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Creates payments idempotently: reserve the key with the request's fingerprint, apply the
 * duplicate-order rule, record the payment, then send it with the same key on every attempt. A
 * crash anywhere in between leaves the key reserved with the payment id, so the next request with
 * the key (or the reconciler) finishes the work instead of starting it again.
 */
public final class CreatePaymentService implements CreatePayment {
  private static final IdempotencyScope SCOPE = IdempotencyScope.CREATE_PAYMENT;

  private final PaymentStore payments;
  private final IdempotencyStore keys;
  private final PaymentSubmitter submitter;
  private final PaykitObserver observer;
  private final PaykitSettings settings;
  private final Clock clock;

  @Inject
  public CreatePaymentService(
      PaymentStore payments,
      IdempotencyStore keys,
      ProviderGateway gateway,
      PaykitObserver observer,
      PaykitSettings settings,
      Clock clock) {
    this.payments = payments;
    this.keys = keys;
    this.observer = observer;
    this.settings = settings;
    this.clock = clock;
    this.submitter =
        new PaymentSubmitter(
            gateway, keys, new PaymentUpdater(payments, observer, clock), observer, clock);
  }

  @Override
  public CreatePaymentResult create(CreatePaymentCommand command) {
    PaymentRequest request = command.request().withinLimits(settings.amountLimits());
    IdempotencyKey key = command.key();
    RequestFingerprint fingerprint = request.fingerprint();
    Instant now = clock.instant();
    PaymentId id = PaymentId.random();
    IdempotencyRecord reservation =
        IdempotencyRecord.reserve(
            SCOPE,
            key,
            fingerprint,
            id.value(),
            now,
            settings.idempotencyLock(),
            settings.idempotencyRetention());
    IdempotencyStore.Reservation reserved = keys.reserve(reservation, now);
    if (reserved instanceof IdempotencyStore.Reservation.Reserved) {
      return startNew(id, key, request);
    }
    IdempotencyRecord stored = ((IdempotencyStore.Reservation.Existing) reserved).stored();
    IdempotencyDecision decision = IdempotencyRules.decide(Optional.of(stored), fingerprint, now);
    if (decision instanceof IdempotencyDecision.Conflict) {
      observer.on(new PaykitEvent.IdempotencyConflict(now, SCOPE.value()));
      throw new IdempotencyKeyReusedException("create-payment");
    }
    if (decision instanceof IdempotencyDecision.Replay replay) {
      Payment payment = payments.findById(new PaymentId(replay.stored().resultRef())).orElseThrow();
      observer.on(new PaykitEvent.IdempotentReplay(now, SCOPE.value(), payment.id().value()));
      return new CreatePaymentResult.Replayed(payment);
    }
    if (decision instanceof IdempotencyDecision.Recover
        && keys.takeOver(SCOPE, key, now, now.plus(settings.idempotencyLock()))) {
      return resume(new PaymentId(stored.resultRef()), key, request);
    }
    throw new RequestInProgressException("create-payment");
  }

  /** Finishes what an earlier holder of the key started, from wherever it stopped. */
  private CreatePaymentResult resume(PaymentId id, IdempotencyKey key, PaymentRequest request) {
    Optional<Payment> recorded = payments.findById(id);
    if (recorded.isEmpty()) {
      return startNew(id, key, request);
    }
    Payment payment = recorded.get();
    if (payment.transactionId() == null && payment.state().isActive()) {
      return submitter.submit(payment);
    }
    keys.complete(SCOPE, key, id.value());
    observer.on(new PaykitEvent.IdempotentReplay(clock.instant(), SCOPE.value(), id.value()));
    return new CreatePaymentResult.Replayed(payment);
  }

  private CreatePaymentResult startNew(PaymentId id, IdempotencyKey key, PaymentRequest request) {
    Optional<CreatePaymentResult> blocked = checkOrder(key, request);
    if (blocked.isPresent()) {
      return blocked.get();
    }
    Payment payment = Payment.create(id, key, request, clock.instant());
    try {
      payments.insert(payment);
    } catch (StoreConflictException e) {
      return afterInsertConflict(e, key, request);
    }
    observer.on(new PaykitEvent.PaymentCreated(payment.createdAt(), payment));
    return submitter.submit(payment);
  }

  private Optional<CreatePaymentResult> checkOrder(IdempotencyKey key, PaymentRequest request) {
    OrderDecision decision =
        DuplicateOrderRule.decide(payments.findByExternalId(request.externalId()));
    if (decision instanceof OrderDecision.AlreadyPaid paid) {
      keys.release(SCOPE, key, clock.instant());
      throw new OrderAlreadyPaidException(request.externalId(), paid.paid().id());
    }
    if (decision instanceof OrderDecision.ActivePaymentExists active) {
      keys.release(SCOPE, key, clock.instant());
      return Optional.of(new CreatePaymentResult.ActivePaymentExists(active.active()));
    }
    return Optional.empty();
  }

  private CreatePaymentResult afterInsertConflict(
      StoreConflictException conflict, IdempotencyKey key, PaymentRequest request) {
    if (conflict.kind() == StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER) {
      // Another key won the race for this order between our check and our insert.
      return checkOrder(key, request).orElseThrow(() -> conflict);
    }
    if (conflict.kind() == StoreConflictException.Kind.DUPLICATE_IDEMPOTENCY_KEY) {
      // The key's record expired but its payment is still here: the key is still spent.
      Payment existing = payments.findByIdempotencyKey(key).orElseThrow(() -> conflict);
      if (!existing.request().fingerprint().equals(request.fingerprint())) {
        throw new IdempotencyKeyReusedException("create-payment");
      }
      return new CreatePaymentResult.Replayed(existing);
    }
    throw conflict;
  }
}
