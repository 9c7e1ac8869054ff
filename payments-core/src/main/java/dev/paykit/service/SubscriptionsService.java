package dev.paykit.service;

import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionHistoryEntry;
import dev.paykit.domain.subscription.SubscriptionId;
import dev.paykit.domain.subscription.SubscriptionState;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.SignUpCommand;
import dev.paykit.port.in.SubscriptionCheckout;
import dev.paykit.port.in.SubscriptionNotFoundException;
import dev.paykit.port.in.SubscriptionStateException;
import dev.paykit.port.in.Subscriptions;
import dev.paykit.port.in.UpdatePaymentMethodCommand;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Sign-ups, cancellations and the customer's return on-session. Every change is a step of the
 * subscription written by the one optimistic writer, with its outbox event in the same phase.
 */
public final class SubscriptionsService implements Subscriptions {
  private final SubscriptionStore store;
  private final OptimisticWriter writer;
  private final SubscriptionCharges charges;
  private final SubscriptionSettings settings;
  private final Clock clock;

  @Inject
  SubscriptionsService(
      Stores stores,
      OptimisticWriter writer,
      SubscriptionCharges charges,
      SubscriptionSettings settings,
      Clock clock) {
    this.store = stores.subscriptions();
    this.writer = writer;
    this.charges = charges;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public SubscriptionCheckout signUp(SignUpCommand command) {
    SubscriptionId id = SubscriptionCharges.subscriptionIdFor(command.key());
    Subscription pending =
        Subscription.signUp(
            id,
            command.customer(),
            command.plan(),
            settings.terms(),
            settings.zone(),
            SubscriptionCharges.paymentIdFor(command.key()),
            clock.instant());
    Subscription subscription;
    try {
      store.insert(pending);
      subscription = pending;
    } catch (StoreConflictException conflict) {
      if (conflict.kind() != StoreConflictException.Kind.DUPLICATE_ID) {
        throw conflict;
      }
      // The same sign-up again: its checkout is replayed (or refused, for another plan) below.
      subscription = store.findById(id).orElseThrow(() -> conflict);
    }
    CreatePaymentResult checkout =
        charges.signUpCheckout(subscription, command.key(), command.returnUrls());
    return new SubscriptionCheckout(subscription, checkout);
  }

  @Override
  public Optional<Subscription> find(SubscriptionId id) {
    return store.findById(id);
  }

  @Override
  public List<SubscriptionHistoryEntry> timeline(SubscriptionId id) {
    return store.history(id);
  }

  @Override
  public Subscription cancel(SubscriptionId id, CancelMode mode) {
    return writer
        .subscription(
            () -> store.findById(id),
            s ->
                Optional.of(
                    mode == CancelMode.NOW
                        ? s.cancelNow(clock.instant())
                        : s.cancelAtPeriodEnd(clock.instant())))
        .flatMap(written -> written.step().map(step -> step.subscription()))
        .orElseThrow(() -> new SubscriptionNotFoundException(id));
  }

  @Override
  public SubscriptionCheckout updatePaymentMethod(UpdatePaymentMethodCommand command) {
    SubscriptionId id = command.subscription();
    PaymentId checkoutId = SubscriptionCharges.paymentIdFor(command.key());
    Subscription opened =
        writer
            .subscription(
                () -> store.findById(id),
                s -> {
                  if (s.openCheckout().filter(checkoutId::equals).isPresent()) {
                    return Optional.empty();
                  }
                  refuseUnlessOpen(s);
                  return Optional.of(s.checkoutOpened(checkoutId, clock.instant()));
                })
            .map(
                written -> written.step().map(step -> step.subscription()).orElse(written.before()))
            .orElseThrow(() -> new SubscriptionNotFoundException(id));
    CreatePaymentResult checkout =
        charges.openAmountCheckout(opened, command.key(), command.returnUrls());
    return new SubscriptionCheckout(opened, checkout);
  }

  /** Only an open amount is paid on-session, and never beside another charge of it. */
  private static void refuseUnlessOpen(Subscription s) {
    if (s.state() != SubscriptionState.PAST_DUE && s.state() != SubscriptionState.UNPAID) {
      throw new SubscriptionStateException(
          s.id(), s.state(), "nothing is open to pay; a new method is saved with an open amount");
    }
    if (s.chargeInFlight().isPresent() || s.openCheckout().isPresent()) {
      throw new SubscriptionStateException(
          s.id(), s.state(), "a charge of the open amount is in flight");
    }
  }
}
