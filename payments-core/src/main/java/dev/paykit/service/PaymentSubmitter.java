package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.shared.ProviderError;
import java.time.Clock;

/**
 * Sends a recorded payment to the provider with the payment's own idempotency key, whoever asks:
 * the first request, a retry with the same key, verification or the reconciler. Because the key
 * never changes, sending again can never create a second charge.
 *
 * <p>The key is completed only when the provider gave a definitive answer. Otherwise it is
 * released, so the next request with the key takes over and sends again. A gateway that throws
 * instead of answering counts as an unknown outcome: the payment is {@code SUBMITTED}.
 */
final class PaymentSubmitter {
  private static final IdempotencyScope SCOPE = IdempotencyScope.CREATE_PAYMENT;

  private final ProviderGateway gateway;
  private final IdempotencyStore keys;
  private final PaymentUpdater updater;
  private final PaykitObserver observer;
  private final Clock clock;

  PaymentSubmitter(
      ProviderGateway gateway,
      IdempotencyStore keys,
      PaymentUpdater updater,
      PaykitObserver observer,
      Clock clock) {
    this.gateway = gateway;
    this.keys = keys;
    this.updater = updater;
    this.observer = observer;
    this.clock = clock;
  }

  CreatePaymentResult submit(Payment payment) {
    PaymentRequest sent = sentToProvider(payment);
    ProviderResult<ProviderPayment> answer;
    try {
      answer = gateway.createPayment(sent, payment.idempotencyKey());
    } catch (RuntimeException e) {
      // A gateway answers, it does not throw; one that does may have sent the request before it
      // failed (reading an answer it could not read, say), so the provider may have acted. Named
      // by its type only: its message may quote what the provider said.
      answer =
          new ProviderResult.Unknown<>(
              "the gateway failed with "
                  + e.getClass().getName()
                  + "; the provider may have acted");
    }
    if (answer instanceof ProviderResult.Success<ProviderPayment> success) {
      TransitionResult applied =
          updater.apply(
              payment.id(),
              ProviderReport.fromCreateResponse(success.value(), success.requestId()));
      keys.complete(SCOPE, payment.idempotencyKey(), payment.id().value());
      return new CreatePaymentResult.Started(applied.payment());
    }
    if (answer instanceof ProviderResult.Rejected<ProviderPayment> rejected) {
      return rejected(payment, rejected);
    }
    if (answer instanceof ProviderResult.Unavailable<ProviderPayment> unavailable) {
      return queued(payment, unavailable.detail());
    }
    return unknown(payment, ((ProviderResult.Unknown<ProviderPayment>) answer).detail());
  }

  /**
   * The request with the payment's id in place of the return URLs' placeholder. The same on every
   * attempt, since the id never changes; the stored request keeps the shop's URLs.
   */
  private static PaymentRequest sentToProvider(Payment payment) {
    PaymentRequest request = payment.request();
    return new PaymentRequest(
        request.externalId(),
        request.amount(),
        request.description(),
        request.metadata(),
        request.returnUrls().forPayment(payment.id()),
        request.expiresIn());
  }

  private CreatePaymentResult rejected(
      Payment payment, ProviderResult.Rejected<ProviderPayment> rejected) {
    ProviderError error = rejected.error();
    switch (error.kind()) {
      case IDEMPOTENCY_KEY_IN_USE:
        // The provider is still working on this very key: its outcome is not known yet.
        return unknown(payment, "provider reports the key in use");
      case AUTHENTICATION:
        // Our credentials were refused: the provider did not act, and failing the customer's
        // payment for a configuration error would be wrong. It waits until the credentials work.
        return queued(payment, "provider refused the credentials");
      default:
        TransitionResult failed =
            updater.update(
                payment.id(),
                (current, now) ->
                    current.rejectedByProvider(error.code(), rejected.requestId(), now));
        keys.complete(SCOPE, payment.idempotencyKey(), payment.id().value());
        return new CreatePaymentResult.Rejected(failed.payment(), error);
    }
  }

  private CreatePaymentResult queued(Payment payment, String detail) {
    observer.on(new PaykitEvent.PaymentQueued(clock.instant(), payment, detail));
    keys.release(SCOPE, payment.idempotencyKey(), clock.instant());
    return new CreatePaymentResult.Queued(payment);
  }

  private CreatePaymentResult unknown(Payment payment, String detail) {
    TransitionResult submitted =
        updater.update(
            payment.id(),
            (current, now) ->
                current.state() == PaymentState.CREATED
                    ? current.markSubmitted(now, detail)
                    : null);
    keys.release(SCOPE, payment.idempotencyKey(), clock.instant());
    return new CreatePaymentResult.Pending(submitted != null ? submitted.payment() : payment);
  }
}
