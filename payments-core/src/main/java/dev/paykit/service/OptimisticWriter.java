package dev.paykit.service;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeStep;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEvents;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionStep;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.port.out.UnitOfWork;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ConcurrentModificationException;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one optimistic writer, for payments, refunds, disputes and subscriptions. A step, a pure
 * function of the aggregate as stored, is applied and written in one phase together with the writes
 * that belong with it (the outbox event the shop is to hear of, settling the key, marking the
 * webhook processed, noting a look-up), provided nobody else wrote in between; otherwise the
 * aggregate is read again and the step re-applied to what the other writer left, which is always
 * safe because the step is pure.
 *
 * <p>The first attempt works on what the caller supplies: the copy it already has (the create's own
 * payment, so the happy path reads nothing) or a read made inside the phase (the payment a webhook
 * is about, so reading and writing it is one transaction). Observers hear of a write only once its
 * phase is kept.
 */
final class OptimisticWriter {
  private static final int MAX_ATTEMPTS = 32;

  /** What an attempt found and what the step made of it (empty: nothing to write). */
  record Written<A, S>(A before, Optional<S> step) {}

  /** How to read and write one kind of aggregate. */
  private interface Target<A, S> {
    Optional<A> reread(A stale);

    /** Writes the step if {@code before} is still what is stored; false otherwise. */
    boolean write(S step, A before);

    void committed(S step);

    String name(A aggregate);
  }

  private sealed interface Attempt<A, S> {
    record Done<A, S>(Written<A, S> written) implements Attempt<A, S> {}

    record Lost<A, S>(A seen) implements Attempt<A, S> {}

    record Missing<A, S>() implements Attempt<A, S> {}
  }

  private final UnitOfWork unitOfWork;
  private final Target<Payment, TransitionResult> payments;
  private final Target<Refund, Refund.Update> refunds;
  private final Target<Dispute, DisputeStep> disputes;
  private final Target<Subscription, SubscriptionStep> subscriptions;

  @Inject
  OptimisticWriter(Stores stores, PaykitObserver observer, Clock clock) {
    this.unitOfWork = stores.unitOfWork();
    this.payments = new PaymentTarget(stores.payments(), stores.outbox(), observer, clock);
    this.refunds =
        new RefundTarget(stores.refunds(), stores.payments(), stores.outbox(), observer, clock);
    this.disputes =
        new DisputeTarget(stores.disputes(), stores.payments(), stores.outbox(), observer, clock);
    this.subscriptions =
        new SubscriptionTarget(stores.subscriptions(), stores.outbox(), observer, clock);
  }

  /**
   * Writes a step to a payment: to the one {@code first} supplies, inside the first phase, and to
   * what is stored after that. Empty if {@code first} supplies none.
   */
  Optional<Written<Payment, TransitionResult>> payment(
      Supplier<Optional<Payment>> first,
      Function<Payment, Optional<TransitionResult>> step,
      BiConsumer<Payment, Optional<TransitionResult>> alongside) {
    return write(payments, first, step, alongside);
  }

  /** {@link #payment} for refunds. */
  Optional<Written<Refund, Refund.Update>> refund(
      Supplier<Optional<Refund>> first,
      Function<Refund, Optional<Refund.Update>> step,
      BiConsumer<Refund, Optional<Refund.Update>> alongside) {
    return write(refunds, first, step, alongside);
  }

  /** {@link #payment} for disputes. */
  Optional<Written<Dispute, DisputeStep>> dispute(
      Supplier<Optional<Dispute>> first,
      Function<Dispute, Optional<DisputeStep>> step,
      BiConsumer<Dispute, Optional<DisputeStep>> alongside) {
    return write(disputes, first, step, alongside);
  }

  /** {@link #payment} for subscriptions. */
  Optional<Written<Subscription, SubscriptionStep>> subscription(
      Supplier<Optional<Subscription>> first,
      Function<Subscription, Optional<SubscriptionStep>> step) {
    return write(subscriptions, first, step, (before, written) -> {});
  }

  private <A, S> Optional<Written<A, S>> write(
      Target<A, S> target,
      Supplier<Optional<A>> first,
      Function<A, Optional<S>> step,
      BiConsumer<A, Optional<S>> alongside) {
    A seen = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      A stale = seen;
      Attempt<A, S> outcome =
          unitOfWork.atomically(
              () -> {
                Optional<A> found = stale == null ? first.get() : target.reread(stale);
                if (found.isEmpty()) {
                  return new Attempt.Missing<>();
                }
                A current = found.get();
                Optional<S> next = step.apply(current);
                if (next.isPresent() && !target.write(next.get(), current)) {
                  return new Attempt.Lost<>(current);
                }
                alongside.accept(current, next);
                return new Attempt.Done<>(new Written<>(current, next));
              });
      if (outcome instanceof Attempt.Done<A, S> done) {
        done.written().step().ifPresent(target::committed);
        return Optional.of(done.written());
      }
      if (outcome instanceof Attempt.Missing) {
        return Optional.empty();
      }
      seen = ((Attempt.Lost<A, S>) outcome).seen();
    }
    throw new ConcurrentModificationException(
        target.name(seen) + " kept changing under " + MAX_ATTEMPTS + " attempts to update it");
  }

  /** Payments; a step the shop is to hear of appends its outbox event in the same phase. */
  private record PaymentTarget(
      PaymentStore store, Outbox outbox, PaykitObserver observer, Clock clock)
      implements Target<Payment, TransitionResult> {
    @Override
    public Optional<Payment> reread(Payment stale) {
      return store.findById(stale.id());
    }

    @Override
    public boolean write(TransitionResult step, Payment before) {
      if (!store.write(step, before.version())) {
        return false;
      }
      OutboxEvents.of(step, clock.instant()).ifPresent(outbox::append);
      return true;
    }

    @Override
    public void committed(TransitionResult step) {
      observer.on(new PaykitEvent.PaymentTransition(clock.instant(), step.payment(), step.entry()));
    }

    @Override
    public String name(Payment payment) {
      return "payment " + payment.id();
    }
  }

  /** Refunds; a move of a refund's state appends its outbox event in the same phase. */
  private record RefundTarget(
      RefundStore store, PaymentStore payments, Outbox outbox, PaykitObserver observer, Clock clock)
      implements Target<Refund, Refund.Update> {
    @Override
    public Optional<Refund> reread(Refund stale) {
      return store.findById(stale.id());
    }

    @Override
    public boolean write(Refund.Update step, Refund before) {
      // A report that changed nothing leaves the refund as it was: nothing to write.
      if (step.refund() == before) {
        return true;
      }
      if (!store.update(step.refund(), before.version())) {
        return false;
      }
      if (step.refund().state() != before.state()) {
        Payment payment =
            payments
                .findById(before.paymentId())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "refund " + before.id() + " is of a payment that is not stored"));
        OutboxEvents.of(before, step.refund(), payment, clock.instant()).ifPresent(outbox::append);
      }
      return true;
    }

    @Override
    public void committed(Refund.Update step) {
      observer.on(
          new PaykitEvent.RefundUpdated(clock.instant(), step.refund(), step.outcome().name()));
    }

    @Override
    public String name(Refund refund) {
      return "refund " + refund.id();
    }
  }

  /** Subscriptions; a step the shop is to hear of appends its outbox event in the same phase. */
  private record SubscriptionTarget(
      SubscriptionStore store, Outbox outbox, PaykitObserver observer, Clock clock)
      implements Target<Subscription, SubscriptionStep> {
    @Override
    public Optional<Subscription> reread(Subscription stale) {
      return store.findById(stale.id());
    }

    @Override
    public boolean write(SubscriptionStep step, Subscription before) {
      if (!store.write(step, before.version())) {
        return false;
      }
      OutboxEvents.of(step, clock.instant()).ifPresent(outbox::append);
      return true;
    }

    @Override
    public void committed(SubscriptionStep step) {
      observer.on(
          new PaykitEvent.SubscriptionUpdated(clock.instant(), step.subscription(), step.entry()));
    }

    @Override
    public String name(Subscription subscription) {
      return "subscription " + subscription.id();
    }
  }

  /** Disputes; a step the shop is to hear of appends its outbox event in the same phase. */
  private record DisputeTarget(
      DisputeStore store,
      PaymentStore payments,
      Outbox outbox,
      PaykitObserver observer,
      Clock clock)
      implements Target<Dispute, DisputeStep> {
    @Override
    public Optional<Dispute> reread(Dispute stale) {
      return store.findById(stale.id());
    }

    @Override
    public boolean write(DisputeStep step, Dispute before) {
      if (!store.write(step, before.version())) {
        return false;
      }
      Optional<OutboxEvent> event = OutboxEvents.of(step, paymentOf(before), clock.instant());
      event.ifPresent(outbox::append);
      return true;
    }

    private Payment paymentOf(Dispute dispute) {
      return payments
          .findById(dispute.paymentId())
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "dispute " + dispute.id() + " is of a payment that is not stored"));
    }

    @Override
    public void committed(DisputeStep step) {
      observer.on(new PaykitEvent.DisputeUpdated(clock.instant(), step.dispute(), step.entry()));
    }

    @Override
    public String name(Dispute dispute) {
      return "dispute " + dispute.id();
    }
  }
}
