package dev.paykit.service;

import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentMethodId;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.SavedPaymentMethod;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionEvent;
import dev.paykit.domain.subscription.SubscriptionState;
import dev.paykit.domain.subscription.SubscriptionStep;
import dev.paykit.port.in.RunSubscriptions;
import dev.paykit.port.in.SubscriptionRunReport;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The subscription scheduler. Each pass claims the subscriptions whose work is due and, for each,
 * writes the steps that are due one after another: the sign-up's outcome, a charge's answer, the
 * end, dunning giving up, the renewal notice, a new charge. A charge is recorded on the
 * subscription first, with a payment id derived from its key, and only then sent; so a crash in
 * between is finished by the next pass with the same key, and a charge whose answer was lost
 * ({@code SUBMITTED}) is finished by the reconciler with that key, as every payment is. Facts that
 * need I/O (the payment's state, the saved method the provider reports) are gathered first; the
 * steps themselves are pure and re-checked against what is stored when they are written.
 */
public final class RunSubscriptionsService implements RunSubscriptions {
  /** More steps than one pass can need for one subscription: a guard, not a limit that bites. */
  private static final int MAX_STEPS = 8;

  private final SubscriptionStore store;
  private final PaymentStore payments;
  private final ProviderChoice providers;
  private final OptimisticWriter writer;
  private final SubscriptionCharges charges;
  private final SubscriptionSettings settings;
  private final Clock clock;

  @Inject
  RunSubscriptionsService(
      Stores stores,
      ProviderChoice providers,
      OptimisticWriter writer,
      SubscriptionCharges charges,
      SubscriptionSettings settings,
      Clock clock) {
    this.store = stores.subscriptions();
    this.payments = stores.payments();
    this.providers = providers;
    this.writer = writer;
    this.charges = charges;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public SubscriptionRunReport runOnce() {
    int claimed = 0;
    int notices = 0;
    int charged = 0;
    int steps = 0;
    for (Subscription due :
        store.claimDue(clock.instant(), settings.claimFor(), settings.batch())) {
      claimed++;
      Subscription current = due;
      for (int i = 0; i < MAX_STEPS; i++) {
        Optional<SubscriptionStep> written = advance(current);
        if (written.isEmpty()) {
          break;
        }
        SubscriptionStep step = written.get();
        current = step.subscription();
        SubscriptionEvent event = step.entry().event();
        if (event == SubscriptionEvent.NOTICE_SENT) {
          notices++;
        } else if (event == SubscriptionEvent.RENEWAL_STARTED) {
          charged++;
          charges.renewal(current);
        } else {
          steps++;
        }
      }
    }
    return new SubscriptionRunReport(claimed, notices, charged, steps);
  }

  /** Writes the next step that is due, if any; empty when there is nothing to do now. */
  private Optional<SubscriptionStep> advance(Subscription s) {
    Instant now = clock.instant();
    if (s.state() == SubscriptionState.PENDING) {
      return signUpOutcome(s, now);
    }
    if (s.chargeInFlight().isPresent()) {
      return chargeAnswer(s, s.chargeInFlight().get(), now);
    }
    if (s.openCheckout().isPresent()) {
      return checkoutOutcome(s, s.openCheckout().get(), now);
    }
    return write(
        s,
        current ->
            current
                .endIfDue(now)
                .or(() -> current.exhaustDunningIfDue(now))
                .or(() -> current.noticeIfDue(now))
                .or(
                    () ->
                        current.startRenewalIfDue(
                            SubscriptionCharges.paymentIdFor(current.renewalKey()), now)));
  }

  private Optional<SubscriptionStep> signUpOutcome(Subscription s, Instant now) {
    PaymentId checkout = s.signUpPayment();
    Optional<Payment> payment = payments.findById(checkout);
    if (payment.isEmpty()) {
      if (now.isBefore(s.createdAt().plus(settings.signUpAbandonedAfter()))) {
        return Optional.empty();
      }
      return write(s, pendingOnly(c -> c.signUpFailed("sign-up checkout never recorded", now)));
    }
    PaymentState state = payment.get().state();
    if (state == PaymentState.SUCCEEDED) {
      return savedMethod(payment.get())
          .flatMap(method -> write(s, pendingOnly(c -> c.signUpPaid(method, now))));
    }
    if (state.isTerminal()) {
      return write(s, pendingOnly(c -> c.signUpFailed("sign-up checkout " + state, now)));
    }
    return Optional.empty();
  }

  private static Function<Subscription, Optional<SubscriptionStep>> pendingOnly(
      Function<Subscription, SubscriptionStep> step) {
    return c ->
        c.state() == SubscriptionState.PENDING ? Optional.of(step.apply(c)) : Optional.empty();
  }

  private Optional<SubscriptionStep> chargeAnswer(Subscription s, PaymentId charge, Instant now) {
    Optional<Payment> payment = payments.findById(charge);
    if (payment.isEmpty()) {
      // Recorded but never sent (a crash in between): send it now, with its own key.
      charges.renewal(s);
      payment = payments.findById(charge);
    }
    if (payment.isEmpty() || !payment.get().state().isTerminal()) {
      return Optional.empty();
    }
    Payment answered = payment.get();
    Function<Subscription, SubscriptionStep> step =
        answered.state() == PaymentState.SUCCEEDED
            ? c -> c.renewalPaid(charge, now)
            : c -> c.renewalDeclined(charge, declineOf(answered), now);
    return write(s, c -> c.chargeInFlight().filter(charge::equals).map(p -> step.apply(c)));
  }

  private Optional<SubscriptionStep> checkoutOutcome(
      Subscription s, PaymentId checkout, Instant now) {
    Optional<Payment> payment = payments.findById(checkout);
    if (payment.isEmpty() || !payment.get().state().isTerminal()) {
      return Optional.empty();
    }
    if (payment.get().state() != PaymentState.SUCCEEDED) {
      return write(
          s, c -> c.openCheckout().filter(checkout::equals).map(p -> c.checkoutFailed(p, now)));
    }
    return savedMethod(payment.get())
        .flatMap(
            method ->
                write(
                    s,
                    c ->
                        c.openCheckout()
                            .filter(checkout::equals)
                            .map(p -> c.checkoutPaid(p, method, now))));
  }

  private static DeclineCode declineOf(Payment payment) {
    return payment.failureInfo().flatMap(Failure::decline).orElse(null);
  }

  /** The method a paid checkout saved, in the provider's words (the local payment keeps none). */
  private Optional<PaymentMethodId> savedMethod(Payment payment) {
    return payment
        .providerTransactionId()
        .map(tx -> providers.gatewayOf(payment).getPayment(tx))
        .flatMap(
            result ->
                result instanceof ProviderResult.Success<ProviderPayment> success
                    ? success.value().savedMethod()
                    : Optional.empty())
        .map(SavedPaymentMethod::id);
  }

  private Optional<SubscriptionStep> write(
      Subscription s, Function<Subscription, Optional<SubscriptionStep>> step) {
    return writer
        .subscription(() -> store.findById(s.id()).or(() -> Optional.of(s)), step)
        .flatMap(OptimisticWriter.Written::step);
  }
}
