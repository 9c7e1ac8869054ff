package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.shared.ProviderError;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends a recorded payment to the provider with the payment's own idempotency key, whoever asks:
 * the first request, a retry with the same key, verification or the reconciler. Because the key
 * never changes, sending again can never create a second charge.
 *
 * <p>The answer is recorded in one phase: the payment's step (from the lifecycle table) and the
 * key's settlement. The key is completed only when the provider gave a definitive answer (accepted
 * or refused the payment); otherwise it is released, so the next request with the key takes over
 * and sends again. A gateway that throws instead of answering counts as an unknown outcome.
 */
final class PaymentSubmitter {
  private static final IdempotencyScope SCOPE = IdempotencyScope.CREATE_PAYMENT;

  private final ProviderGateway gateway;
  private final KeyedRequests requests;
  private final OptimisticWriter writer;
  private final PaykitObserver observer;
  private final Clock clock;

  @Inject
  PaymentSubmitter(
      ProviderGateway gateway,
      KeyedRequests requests,
      OptimisticWriter writer,
      PaykitObserver observer,
      Clock clock) {
    this.gateway = gateway;
    this.requests = requests;
    this.writer = writer;
    this.observer = observer;
    this.clock = clock;
  }

  CreatePaymentResult submit(Payment payment) {
    return send(payment)
        .fold(
            success ->
                record(
                    payment,
                    current ->
                        Optional.of(
                            current.apply(
                                ProviderReport.fromCreateResponse(
                                    success.value(), success.requestId()),
                                clock.instant())),
                    true,
                    CreatePaymentResult.Started::new),
            rejected -> rejected(payment, rejected),
            unavailable -> queued(payment, unavailable.detail()),
            unknown -> unknown(payment, unknown.detail()));
  }

  private ProviderResult<ProviderPayment> send(Payment payment) {
    try {
      return gateway.createPayment(sentToProvider(payment), payment.idempotencyKey());
    } catch (RuntimeException e) {
      // A gateway answers, it does not throw; one that does may have sent the request before it
      // failed (reading an answer it could not read, say), so the provider may have acted. Named
      // by its type only: its message may quote what the provider said.
      return new ProviderResult.Unknown<>(
          "the gateway failed with " + e.getClass().getName() + "; the provider may have acted");
    }
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
        request.expiresIn(),
        request.charging());
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
        return record(
            payment,
            current ->
                Optional.of(current.refused(error.code(), rejected.requestId(), clock.instant())),
            true,
            after -> new CreatePaymentResult.Rejected(after, error));
    }
  }

  private CreatePaymentResult queued(Payment payment, String detail) {
    CreatePaymentResult result =
        record(
            payment,
            current -> current.providerUnavailable(clock.instant(), detail),
            false,
            CreatePaymentResult.Queued::new);
    observer.on(new PaykitEvent.PaymentQueued(clock.instant(), result.payment(), detail));
    return result;
  }

  private CreatePaymentResult unknown(Payment payment, String detail) {
    return record(
        payment,
        current -> current.outcomeUnknown(clock.instant(), detail),
        false,
        CreatePaymentResult.Pending::new);
  }

  /**
   * Records the answer in one phase: the step, if the table has one for the payment as it is, and
   * the key's settlement.
   */
  private CreatePaymentResult record(
      Payment payment,
      Function<Payment, Optional<TransitionResult>> step,
      boolean definitive,
      Function<Payment, CreatePaymentResult> result) {
    OptimisticWriter.Written<Payment, TransitionResult> written =
        writer
            .payment(
                () -> Optional.of(payment),
                step,
                (current, next) ->
                    requests.settle(
                        SCOPE, payment.idempotencyKey(), payment.id().value(), definitive))
            .orElseThrow();
    return result.apply(written.step().map(TransitionResult::payment).orElse(written.before()));
  }
}
