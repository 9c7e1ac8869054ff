package dev.paykit.domain.subscription;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentMethodId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A customer's subscription to a plan. Immutable: every step returns a new snapshot, a version
 * higher, with the history entry it wrote; what each event does in each state is {@link
 * SubscriptionLifecycle}'s table, and whether a notice, a renewal or a dunning step is due is
 * decided here, from the time passed in.
 *
 * <p>Cycles: {@code cycle} is how many periods are paid (0 while pending or in the trial); the open
 * cycle, {@code cycle + 1}, is due when the current period ends ({@link #periodEnd()}). Each charge
 * for the open cycle is one attempt, and its idempotency key is derived from the subscription id,
 * the cycle and the attempt ({@link #renewalKey()}): however many schedulers retry or restart, an
 * attempt is one charge, and a new attempt is only started once the one before is known to be
 * declined, so a cycle is never paid twice. {@code pendingCharge} is the attempt in flight, {@code
 * updateCheckout} an on-session checkout the customer was sent to; while either is open nothing
 * else is charged.
 *
 * <p>Only the saved method's id is kept, never anything about the card.
 */
public record Subscription(
    SubscriptionId id,
    CustomerId customer,
    Plan plan,
    SubscriptionTerms terms,
    ZoneId zone,
    SubscriptionState state,
    Instant anchor,
    long cycle,
    PaymentMethodId paymentMethod,
    long noticedCycle,
    int attempts,
    PaymentId pendingCharge,
    PaymentId updateCheckout,
    boolean customerActionRequired,
    boolean cancelAtPeriodEnd,
    PaymentId signUpPayment,
    Instant createdAt,
    Instant updatedAt,
    long version,
    SubscriptionHistoryEntry latest) {

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(signUpPayment, "signUpPayment");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(latest, "latest");
    if (latest.sequence() != version) {
      throw new IllegalArgumentException(
          "the latest entry produced the version: entry " + latest.sequence() + ", v" + version);
    }
    if (state != SubscriptionState.PENDING && state != SubscriptionState.ENDED && anchor == null) {
      throw new IllegalArgumentException("a started subscription has an anchor");
    }
  }

  /** A new subscription whose sign-up checkout is {@code signUpPayment}: pending, version 0. */
  public static Subscription signUp(
      SubscriptionId id,
      CustomerId customer,
      Plan plan,
      SubscriptionTerms terms,
      ZoneId zone,
      PaymentId signUpPayment,
      Instant now) {
    SubscriptionHistoryEntry first =
        new SubscriptionHistoryEntry(
            0,
            null,
            SubscriptionEvent.SIGNED_UP,
            SubscriptionState.PENDING,
            Outcome.APPLIED,
            0,
            now,
            "sign-up checkout " + signUpPayment);
    return new Subscription(
        id,
        customer,
        plan,
        terms,
        zone,
        SubscriptionState.PENDING,
        null,
        0,
        null,
        0,
        0,
        null,
        null,
        false,
        false,
        signUpPayment,
        now,
        now,
        0,
        first);
  }

  /** The key of a renewal charge for the open cycle's next attempt. */
  public static IdempotencyKey renewalKey(SubscriptionId id, long cycle, int attempt) {
    return IdempotencyKey.derive(
        "subscription-renewal", id.value(), "cycle-" + cycle, "attempt-" + attempt);
  }

  /** The key the next attempt for the open cycle is charged with. */
  public IdempotencyKey renewalKey() {
    return renewalKey(id, openCycle(), attempts + 1);
  }

  /** The key of the attempt in flight (or the last one made for the open cycle). */
  public IdempotencyKey chargeKey() {
    return renewalKey(id, openCycle(), Math.max(1, attempts));
  }

  public Optional<PaymentMethodId> method() {
    return Optional.ofNullable(paymentMethod);
  }

  public Optional<PaymentId> chargeInFlight() {
    return Optional.ofNullable(pendingCharge);
  }

  public Optional<PaymentId> openCheckout() {
    return Optional.ofNullable(updateCheckout);
  }

  /** The cycle to be paid next. */
  public long openCycle() {
    return cycle + 1;
  }

  /** When the period paid for (or the trial) ends, and the open cycle is due; empty if pending. */
  public Optional<Instant> periodEnd() {
    return anchor == null
        ? Optional.empty()
        : Optional.of(BillingCycles.boundary(anchor, zone, plan.interval(), cycle));
  }

  /** When the renewal notice for the open cycle is due. */
  public Optional<Instant> noticeDueAt() {
    return periodEnd().map(end -> end.minus(terms.noticeBefore()));
  }

  /**
   * When the scheduler next has something to do for this subscription: a notice, a charge, a
   * dunning step, the end; at once while a checkout or a charge waits for its answer (the worker
   * looks at the payment); empty when only the customer or the shop can move it.
   */
  public Optional<Instant> wakeAt() {
    if (state == SubscriptionState.PENDING || pendingCharge != null || updateCheckout != null) {
      return Optional.of(updatedAt);
    }
    return switch (state) {
      case ENDED, UNPAID, PENDING -> Optional.empty();
      case CANCELLED -> periodEnd();
      case TRIALING, ACTIVE -> {
        if (cancelAtPeriodEnd || noticedCycle >= openCycle()) {
          yield periodEnd();
        }
        yield noticeDueAt();
      }
      case PAST_DUE -> {
        Instant giveUp = periodEnd().orElseThrow().plus(terms.dunning().lastStep());
        Optional<Instant> retry = nextChargeAt();
        yield Optional.of(retry.filter(r -> r.isBefore(giveUp)).orElse(giveUp));
      }
    };
  }

  /**
   * When the next off-session attempt is due: the period's end for the first, then the dunning
   * schedule's steps from it; empty when no off-session charge is to be made.
   */
  public Optional<Instant> nextChargeAt() {
    DunningPolicy dunning = terms.dunning();
    if (!state.renews()
        || cancelAtPeriodEnd
        || customerActionRequired
        || pendingCharge != null
        || updateCheckout != null) {
      return Optional.empty();
    }
    Instant end = periodEnd().orElseThrow();
    if (attempts == 0) {
      return Optional.of(end);
    }
    if (state != SubscriptionState.PAST_DUE || attempts > dunning.retries().size()) {
      return Optional.empty();
    }
    return Optional.of(end.plus(dunning.retries().get(attempts - 1)));
  }

  // ---- Sign-up ----

  /** The sign-up checkout succeeded and saved {@code method}; the first period starts now. */
  public SubscriptionStep signUpPaid(PaymentMethodId method, Instant now) {
    Objects.requireNonNull(method, "method");
    boolean trial = plan.trialPeriod().isPresent();
    SubscriptionEvent event =
        trial ? SubscriptionEvent.TRIAL_STARTED : SubscriptionEvent.SIGN_UP_PAID;
    return step(
        event,
        "method " + method,
        now,
        c -> {
          c.paymentMethod = method;
          c.anchor =
              trial ? BillingCycles.trialEnd(now, zone, plan.trialPeriod().orElseThrow()) : now;
          c.cycle = trial ? 0 : 1;
        });
  }

  /** The sign-up checkout failed, was cancelled or expired. */
  public SubscriptionStep signUpFailed(String why, Instant now) {
    return step(SubscriptionEvent.SIGN_UP_FAILED, why, now, c -> {});
  }

  // ---- Notice, renewal, dunning ----

  /** The renewal notice for the open cycle, if it is due and was not sent. */
  public Optional<SubscriptionStep> noticeIfDue(Instant now) {
    if ((state != SubscriptionState.ACTIVE && state != SubscriptionState.TRIALING)
        || cancelAtPeriodEnd
        || attempts > 0
        || noticedCycle >= openCycle()
        || now.isBefore(noticeDueAt().orElseThrow())) {
      return Optional.empty();
    }
    return Optional.of(
        step(
            SubscriptionEvent.NOTICE_SENT,
            "renewal on " + periodEnd().orElseThrow(),
            now,
            c -> c.noticedCycle = openCycle()));
  }

  /**
   * Starts the next off-session attempt as {@code payment}, if one is due: never before the open
   * cycle's notice was sent, never with another charge or checkout open, never after a
   * cancellation.
   */
  public Optional<SubscriptionStep> startRenewalIfDue(PaymentId payment, Instant now) {
    Optional<Instant> due = nextChargeAt();
    if (due.isEmpty() || now.isBefore(due.get()) || noticedCycle < openCycle()) {
      return Optional.empty();
    }
    return Optional.of(
        step(
            SubscriptionEvent.RENEWAL_STARTED,
            "attempt " + (attempts + 1) + " as " + payment,
            now,
            c -> {
              c.pendingCharge = payment;
              c.attempts = attempts + 1;
            }));
  }

  /** The charge {@code payment} for the open cycle succeeded: the cycle is paid. */
  public SubscriptionStep renewalPaid(PaymentId payment, Instant now) {
    if (!payment.equals(pendingCharge)) {
      return rejected(SubscriptionEvent.RENEWAL_PAID, "not the charge in flight: " + payment, now);
    }
    return step(SubscriptionEvent.RENEWAL_PAID, "paid by " + payment, now, this::paid);
  }

  /**
   * The charge {@code payment} was declined. A decline that only the customer can fix (the bank
   * wants them present, or they removed the method) stops off-session retries.
   */
  public SubscriptionStep renewalDeclined(PaymentId payment, DeclineCode code, Instant now) {
    boolean needsCustomer =
        DeclineCode.AUTHENTICATION_REQUIRED.equals(code)
            || DeclineCode.PAYMENT_METHOD_REMOVED.equals(code);
    SubscriptionEvent event =
        needsCustomer
            ? SubscriptionEvent.CUSTOMER_ACTION_REQUIRED
            : SubscriptionEvent.RENEWAL_DECLINED;
    if (!payment.equals(pendingCharge)) {
      return rejected(event, "not the charge in flight: " + payment, now);
    }
    return step(
        event,
        "declined " + (code == null ? "without a code" : code.value()),
        now,
        c -> {
          c.pendingCharge = null;
          c.customerActionRequired = customerActionRequired || needsCustomer;
        });
  }

  /**
   * Dunning gives up, if it is time: every retry was declined, or the customer who had to come back
   * did not by the last retry's date.
   */
  public Optional<SubscriptionStep> exhaustDunningIfDue(Instant now) {
    DunningPolicy dunning = terms.dunning();
    if (state != SubscriptionState.PAST_DUE || pendingCharge != null || updateCheckout != null) {
      return Optional.empty();
    }
    Instant end = periodEnd().orElseThrow();
    boolean retriesSpent = !customerActionRequired && attempts > dunning.retries().size();
    boolean waitedLongEnough = !now.isBefore(end.plus(dunning.lastStep()));
    if (!retriesSpent && !waitedLongEnough) {
      return Optional.empty();
    }
    SubscriptionEvent event =
        dunning.onExhaustion() == DunningPolicy.Exhaustion.UNPAID
            ? SubscriptionEvent.DUNNING_EXHAUSTED_UNPAID
            : SubscriptionEvent.DUNNING_EXHAUSTED_CANCELLED;
    return Optional.of(step(event, attempts + " attempts", now, c -> {}));
  }

  // ---- The customer on-session ----

  /** The customer was sent to the on-session checkout {@code payment} to save a new method. */
  public SubscriptionStep checkoutOpened(PaymentId payment, Instant now) {
    if (pendingCharge != null || state == SubscriptionState.PENDING || state.isTerminal()) {
      return rejected(
          SubscriptionEvent.METHOD_UPDATED,
          "no checkout now: charge in flight or not started",
          now);
    }
    return step(
        SubscriptionEvent.METHOD_UPDATED,
        "checkout " + payment + " opened",
        now,
        c -> c.updateCheckout = payment);
  }

  /**
   * The on-session checkout {@code payment} succeeded and saved {@code method}. If the subscription
   * was past due or unpaid, that checkout paid the open cycle.
   */
  public SubscriptionStep checkoutPaid(PaymentId payment, PaymentMethodId method, Instant now) {
    boolean paysOpenCycle =
        state == SubscriptionState.PAST_DUE || state == SubscriptionState.UNPAID;
    SubscriptionEvent event =
        paysOpenCycle ? SubscriptionEvent.RENEWAL_PAID : SubscriptionEvent.METHOD_UPDATED;
    if (!payment.equals(updateCheckout)) {
      return rejected(event, "not the open checkout: " + payment, now);
    }
    return step(
        event,
        "on-session " + payment + ", method " + method,
        now,
        c -> {
          c.paymentMethod = method;
          c.updateCheckout = null;
          c.customerActionRequired = false;
          if (paysOpenCycle) {
            paid(c);
          }
        });
  }

  /** The on-session checkout did not succeed; the subscription is as it was before it. */
  public SubscriptionStep checkoutFailed(PaymentId payment, Instant now) {
    if (!payment.equals(updateCheckout)) {
      return rejected(SubscriptionEvent.METHOD_UPDATED, "not the open checkout: " + payment, now);
    }
    return step(
        SubscriptionEvent.METHOD_UPDATED,
        "checkout " + payment + " not completed",
        now,
        c -> c.updateCheckout = null);
  }

  // ---- Cancellation ----

  public SubscriptionStep cancelAtPeriodEnd(Instant now) {
    return step(SubscriptionEvent.CANCEL_AT_PERIOD_END, null, now, c -> c.cancelAtPeriodEnd = true);
  }

  public SubscriptionStep cancelNow(Instant now) {
    return step(SubscriptionEvent.CANCEL_NOW, null, now, c -> c.cancelAtPeriodEnd = true);
  }

  /** The end of a subscription that is not renewed, once the period paid for ran out. */
  public Optional<SubscriptionStep> endIfDue(Instant now) {
    boolean winding =
        state == SubscriptionState.CANCELLED
            || (cancelAtPeriodEnd
                && (state == SubscriptionState.ACTIVE || state == SubscriptionState.TRIALING));
    if (!winding || pendingCharge != null || now.isBefore(periodEnd().orElseThrow())) {
      return Optional.empty();
    }
    return Optional.of(step(SubscriptionEvent.PERIOD_ENDED, null, now, c -> {}));
  }

  // ---- Steps ----

  private void paid(Changes c) {
    c.cycle = cycle + 1;
    c.attempts = 0;
    c.pendingCharge = null;
    c.customerActionRequired = false;
  }

  /** The mutable copy a step edits before it becomes the next snapshot. */
  private static final class Changes {
    Instant anchor;
    long cycle;
    PaymentMethodId paymentMethod;
    long noticedCycle;
    int attempts;
    PaymentId pendingCharge;
    PaymentId updateCheckout;
    boolean customerActionRequired;
    boolean cancelAtPeriodEnd;
  }

  private SubscriptionStep rejected(SubscriptionEvent event, String detail, Instant now) {
    return write(event, new SubscriptionLifecycle.Rule.Keep(Outcome.REJECTED), detail, now, null);
  }

  private SubscriptionStep step(
      SubscriptionEvent event, String detail, Instant now, Consumer<Changes> change) {
    return write(event, SubscriptionLifecycle.rule(state, event), detail, now, change);
  }

  private SubscriptionStep write(
      SubscriptionEvent event,
      SubscriptionLifecycle.Rule rule,
      String detail,
      Instant now,
      Consumer<Changes> change) {
    SubscriptionState next;
    Outcome outcome;
    if (rule instanceof SubscriptionLifecycle.Rule.Move move) {
      next = move.to();
      outcome = Outcome.APPLIED;
    } else if (rule instanceof SubscriptionLifecycle.Rule.Keep keep) {
      next = state;
      outcome = keep.outcome();
    } else {
      next = state;
      outcome = Outcome.APPLIED;
    }
    Changes c = new Changes();
    c.anchor = anchor;
    c.cycle = cycle;
    c.paymentMethod = paymentMethod;
    c.noticedCycle = noticedCycle;
    c.attempts = attempts;
    c.pendingCharge = pendingCharge;
    c.updateCheckout = updateCheckout;
    c.customerActionRequired = customerActionRequired;
    c.cancelAtPeriodEnd = cancelAtPeriodEnd;
    if (outcome == Outcome.APPLIED && change != null) {
      change.accept(c);
    }
    SubscriptionHistoryEntry entry =
        new SubscriptionHistoryEntry(
            version + 1, state, event, next, outcome, cycle + 1, now, detail);
    Subscription after =
        new Subscription(
            id,
            customer,
            plan,
            terms,
            zone,
            next,
            c.anchor,
            c.cycle,
            c.paymentMethod,
            c.noticedCycle,
            c.attempts,
            c.pendingCharge,
            c.updateCheckout,
            c.customerActionRequired,
            c.cancelAtPeriodEnd,
            signUpPayment,
            createdAt,
            outcome == Outcome.APPLIED ? now : updatedAt,
            version + 1,
            entry);
    return new SubscriptionStep(this, after, entry);
  }
}
