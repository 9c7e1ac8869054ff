package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.order.DuplicateOrderRule;
import dev.paykit.domain.order.OrderDecision;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEvents;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.IdempotencyKeyReusedException;
import dev.paykit.port.in.OrderAlreadyPaidException;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.Stores;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates payments idempotently, in two phases around the provider call. The first reserves the key
 * and records the payment and its {@code payment.created} event together; the store's
 * one-active-payment-per-order constraint refuses a second payment for an order, undoing the
 * reservation with it. The second records the provider's answer and settles the key. A crash
 * between them leaves the key reserved with the payment recorded, so the next request with the key
 * (or the reconciler) sends it again with the same key instead of starting anew.
 *
 * <p>The shop's routing rule picks the provider the payment is recorded with; if that provider
 * certainly did not act, {@link PaymentSubmitter#submitFirst} may move it to the rule's next
 * candidate.
 */
public final class CreatePaymentService implements CreatePayment {
  /** How often a create is tried again when the order's other payment ended in between. */
  private static final int ORDER_RACE_ATTEMPTS = 3;

  private final PaymentStore payments;
  private final Outbox outbox;
  private final KeyedRequests requests;
  private final ProviderChoice providers;
  private final PaymentSubmitter submitter;
  private final PaykitObserver observer;
  private final PaykitSettings settings;
  private final Clock clock;

  @Inject
  CreatePaymentService(
      Stores stores,
      KeyedRequests requests,
      ProviderChoice providers,
      PaymentSubmitter submitter,
      PaykitObserver observer,
      PaykitSettings settings,
      Clock clock) {
    this.payments = stores.payments();
    this.outbox = stores.outbox();
    this.requests = requests;
    this.providers = providers;
    this.submitter = submitter;
    this.observer = observer;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public CreatePaymentResult create(CreatePaymentCommand command) {
    PaymentRequest request = command.request().withinLimits(settings.amountLimits());
    return create(command.key(), request, PaymentId::random, providers.first(request));
  }

  /**
   * The same protocol for a payment whose id its caller derived from the key (a subscription's
   * charge, recorded on the subscription before it is sent), so that a retry after a crash finds
   * the payment the subscription names; sent to {@code provider} (where the subscription's customer
   * is) or, when empty, where the routing rule says.
   */
  CreatePaymentResult create(
      CreatePaymentCommand command, PaymentId id, Optional<ProviderName> provider) {
    PaymentRequest request = command.request().withinLimits(settings.amountLimits());
    return create(
        command.key(), request, () -> id, provider.orElseGet(() -> providers.first(request)));
  }

  private CreatePaymentResult create(
      IdempotencyKey key, PaymentRequest request, Supplier<PaymentId> ids, ProviderName provider) {
    KeyedRequest keyed = KeyedRequest.createPayment(key, request.fingerprint());
    for (int attempt = 1; ; attempt++) {
      Payment payment = Payment.create(ids.get(), key, provider, request, clock.instant());
      try {
        return begin(keyed, payment);
      } catch (StoreConflictException conflict) {
        Optional<CreatePaymentResult> settled = afterConflict(conflict, keyed, request);
        if (settled.isPresent()) {
          return settled.get();
        }
        if (attempt == ORDER_RACE_ATTEMPTS) {
          throw conflict;
        }
      }
    }
  }

  private CreatePaymentResult begin(KeyedRequest keyed, Payment payment) {
    // Made before the phase, which stores may run under a lock or in a transaction: only the
    // writes belong inside it.
    OutboxEvent created = OutboxEvents.created(payment, payment.createdAt());
    KeyedRequests.Start start =
        requests.begin(
            keyed,
            payment.id().value(),
            () -> {
              payments.insert(payment);
              outbox.append(created);
            });
    if (start instanceof KeyedRequests.Start.Fresh fresh) {
      observer.on(new PaykitEvent.PaymentCreated(payment.createdAt(), payment));
      return submitter.submitFirst(payment, fresh.lockedUntil());
    }
    if (start instanceof KeyedRequests.Start.Replay replay) {
      return new CreatePaymentResult.Replayed(stored(replay.ref()));
    }
    return resume(stored(((KeyedRequests.Start.Resume) start).ref()), keyed);
  }

  private Payment stored(String ref) {
    return payments
        .findById(new PaymentId(ref))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "idempotency key stands for payment " + ref + ", which is not stored"));
  }

  /** Finishes what an earlier holder of the key started, from wherever it stopped. */
  private CreatePaymentResult resume(Payment payment, KeyedRequest keyed) {
    if (payment.awaitsProvider()) {
      return submitter.submitHeld(payment);
    }
    requests.settle(keyed.scope(), keyed.key(), payment.id().value(), true);
    observer.on(
        new PaykitEvent.IdempotentReplay(
            clock.instant(), keyed.scope().value(), payment.id().value()));
    return new CreatePaymentResult.Replayed(payment);
  }

  /**
   * What a refused first phase means; empty when the refusal no longer holds (the order's other
   * payment ended meanwhile) and the create is to be tried again.
   */
  private Optional<CreatePaymentResult> afterConflict(
      StoreConflictException conflict, KeyedRequest keyed, PaymentRequest request) {
    if (conflict.kind() == StoreConflictException.Kind.ACTIVE_PAYMENT_FOR_ORDER) {
      OrderDecision decision =
          DuplicateOrderRule.decide(payments.findByExternalId(request.externalId()));
      if (decision instanceof OrderDecision.AlreadyPaid paid) {
        throw new OrderAlreadyPaidException(request.externalId(), paid.paid().id());
      }
      if (decision instanceof OrderDecision.ActivePaymentExists active) {
        return Optional.of(new CreatePaymentResult.ActivePaymentExists(active.active()));
      }
      return Optional.empty();
    }
    if (conflict.kind() == StoreConflictException.Kind.DUPLICATE_IDEMPOTENCY_KEY) {
      // The key's record expired but its payment is still here: the key is still spent.
      Payment existing = payments.findByIdempotencyKey(keyed.key()).orElseThrow(() -> conflict);
      if (!existing.request().fingerprint().equals(request.fingerprint())) {
        throw new IdempotencyKeyReusedException(keyed.operation());
      }
      return Optional.of(new CreatePaymentResult.Replayed(existing));
    }
    throw conflict;
  }
}
