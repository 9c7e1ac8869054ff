package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Stores;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.service.OptimisticWriter.Written;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
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
 *
 * <p>A payment is always sent to its own provider ({@link Payment#provider()}). It moves to the
 * routing rule's next candidate only when the first request that recorded it sent it and the
 * provider answered {@code Unavailable} (it certainly did not act), and only in a phase that first
 * checks that nobody else could have sent it meanwhile: the payment is as that request last wrote
 * it, and its key is still that request's, unexpired. The move is recorded before the next provider
 * is called, so a crash after it leaves a payment that every later sender takes to the new
 * provider. Any other sender (a request that took the key over after a crash, verification, the
 * reconciler) cannot know that no earlier attempt of someone else's reached the provider, so it
 * never moves the payment; and while a payment that could still move has its key held by a live
 * request, those senders leave it to that request instead of sending it themselves.
 */
final class PaymentSubmitter {
  private static final IdempotencyScope SCOPE = IdempotencyScope.CREATE_PAYMENT;

  private final ProviderChoice providers;
  private final KeyedRequests requests;
  private final OptimisticWriter writer;
  private final PaykitObserver observer;
  private final PaymentStore payments;
  private final Clock clock;

  @Inject
  PaymentSubmitter(
      ProviderChoice providers,
      Stores stores,
      KeyedRequests requests,
      OptimisticWriter writer,
      PaykitObserver observer,
      Clock clock) {
    this.providers = providers;
    this.payments = stores.payments();
    this.requests = requests;
    this.writer = writer;
    this.observer = observer;
    this.clock = clock;
  }

  /**
   * Sends a payment the caller just recorded, holding its key until {@code lockedUntil}: the one
   * sender that may move it to the next provider when its own is unavailable.
   */
  CreatePaymentResult submitFirst(Payment payment, Instant lockedUntil) {
    Payment current = payment;
    while (true) {
      ProviderResult<ProviderPayment> answer = send(current);
      Optional<ProviderName> next =
          answer instanceof ProviderResult.Unavailable<ProviderPayment>
              ? providers.after(current)
              : Optional.empty();
      if (next.isEmpty()) {
        return record(current, answer);
      }
      Optional<Payment> moved =
          failOver(
              current,
              next.get(),
              ((ProviderResult.Unavailable<ProviderPayment>) answer).detail(),
              lockedUntil);
      if (moved.isEmpty()) {
        return record(current, answer);
      }
      current = moved.get();
    }
  }

  /** Sends a payment whose key the caller took over: to its provider, never elsewhere. */
  CreatePaymentResult submitHeld(Payment payment) {
    return record(payment, send(payment));
  }

  /**
   * Sends a payment without holding its key (verification, the reconciler): to its provider, never
   * elsewhere. A payment that could still move to another provider while a live request holds its
   * key is left to that request and returned as it is stored, {@link CreatePaymentResult.Pending}:
   * sending it from here could reach the provider just as that request learns it unavailable and
   * sends it to the next one.
   */
  CreatePaymentResult submit(Payment payment) {
    if (providers.after(payment).isEmpty()) {
      return record(payment, send(payment));
    }
    if (requests.held(SCOPE, payment.idempotencyKey())) {
      return new CreatePaymentResult.Pending(payment);
    }
    // Read after the key: a move its holder made before letting go of it is seen here.
    Payment current = payments.findById(payment.id()).orElse(payment);
    if (!current.awaitsProvider()) {
      return new CreatePaymentResult.Replayed(current);
    }
    return record(current, send(current));
  }

  /**
   * Records that {@code payment}'s provider did not act and moves it to {@code next}, in one phase
   * that checks first that nobody could have sent it since the caller did: it is still the version
   * the caller has, and its key is still the caller's ({@code IN_PROGRESS}, locked no later than
   * the caller's lock, which any take-over would have extended, and not expired). Empty if not.
   */
  private Optional<Payment> failOver(
      Payment payment, ProviderName next, String why, Instant lockedUntil) {
    return writer
        .payment(
            () -> Optional.of(payment),
            current ->
                current.version() == payment.version()
                        && requests.stillHeldBy(SCOPE, payment.idempotencyKey(), lockedUntil)
                    ? current.failOver(next, why, clock.instant())
                    : Optional.empty(),
            (current, step) -> {})
        .flatMap(Written::step)
        .map(TransitionResult::payment);
  }

  private CreatePaymentResult record(Payment payment, ProviderResult<ProviderPayment> answer) {
    return answer.fold(
        success ->
            record(
                payment,
                current ->
                    Optional.of(
                        current.apply(
                            ProviderReport.fromCreateResponse(success.value(), success.requestId()),
                            clock.instant())),
                true,
                CreatePaymentResult.Started::new),
        rejected -> rejected(payment, rejected),
        unavailable -> queued(payment, unavailable.detail()),
        unknown -> unknown(payment, unknown.detail()));
  }

  private ProviderResult<ProviderPayment> send(Payment payment) {
    try {
      return providers
          .gatewayOf(payment)
          .createPayment(sentToProvider(payment), payment.idempotencyKey());
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
    ReturnUrls urls = request.returnUrls().forPayment(payment.id());
    if (urls == request.returnUrls()) {
      return request;
    }
    return new PaymentRequest(
        request.externalId(),
        request.amount(),
        request.description(),
        request.metadata(),
        urls,
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
