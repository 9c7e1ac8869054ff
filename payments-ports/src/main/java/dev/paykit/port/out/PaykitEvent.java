package dev.paykit.port.out;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeHistoryEntry;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionHistoryEntry;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.shared.OutboxBacklog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What {@link PaykitObserver} hears about. No event carries a secret. */
public sealed interface PaykitEvent {
  Instant at();

  /**
   * Hands this event to the method of {@code handler} for its type: the one exhaustive way to act
   * on events without an {@code instanceof} chain that lets a new one fall through.
   */
  <R> R accept(Handler<R> handler);

  /**
   * One method per event type and no defaults, so a new event stops every handler compiling until
   * it decides what to do with it. A handler that deliberately ignores an event says so in that
   * event's method.
   */
  interface Handler<R> {
    R paymentCreated(PaymentCreated event);

    R paymentTransition(PaymentTransition event);

    R paymentQueued(PaymentQueued event);

    R idempotentReplay(IdempotentReplay event);

    R idempotencyConflict(IdempotencyConflict event);

    R refundUpdated(RefundUpdated event);

    R disputeUpdated(DisputeUpdated event);

    R disputesMeasured(DisputesMeasured event);

    R subscriptionUpdated(SubscriptionUpdated event);

    R webhookAccepted(WebhookAccepted event);

    R webhookDuplicate(WebhookDuplicate event);

    R webhookIgnored(WebhookIgnored event);

    R webhookRejected(WebhookRejected event);

    R webhookProcessed(WebhookProcessed event);

    R webhookRetryScheduled(WebhookRetryScheduled event);

    R webhookDeadLettered(WebhookDeadLettered event);

    R providerRetry(ProviderRetry event);

    R providerFailure(ProviderFailure event);

    R tokenRefreshed(TokenRefreshed event);

    R reconciliationFinished(ReconciliationFinished event);

    R outboxDelivered(OutboxDelivered event);

    R outboxRetryScheduled(OutboxRetryScheduled event);

    R outboxDeadLettered(OutboxDeadLettered event);

    R outboxBacklogMeasured(OutboxBacklogMeasured event);
  }

  /** A payment was recorded. */
  record PaymentCreated(Instant at, Payment payment) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.paymentCreated(this);
    }
  }

  /**
   * A report or step was recorded on a payment: applied, a duplicate, stale, an anomaly (a report
   * contradicting a terminal state: alert someone) or rejected. {@code entry.outcome()} says which.
   */
  record PaymentTransition(Instant at, Payment payment, HistoryEntry entry) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.paymentTransition(this);
    }
  }

  /** The provider could not be reached; the payment waits in {@code CREATED} to be sent later. */
  record PaymentQueued(Instant at, Payment payment, String detail) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.paymentQueued(this);
    }
  }

  /** A request with an idempotency key was answered from what is stored. */
  record IdempotentReplay(Instant at, String scope, String paymentOrRefundId)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.idempotentReplay(this);
    }
  }

  /** A key came back with a different request. */
  record IdempotencyConflict(Instant at, String scope) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.idempotencyConflict(this);
    }
  }

  record RefundUpdated(Instant at, Refund refund, String outcome) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.refundUpdated(this);
    }
  }

  /**
   * A step was recorded on a dispute: opened, moved, a duplicate, stale, an anomaly, evidence
   * accepted or the deadline reminder raised. {@code entry} says which; it never holds evidence.
   */
  record DisputeUpdated(Instant at, Dispute dispute, DisputeHistoryEntry entry)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.disputeUpdated(this);
    }
  }

  /**
   * A step was recorded on a subscription: signed up, activated, a notice, a renewal started, paid
   * or declined, a dunning step, a cancellation, its end. {@code entry} says which; it names a
   * payment method by its id only.
   */
  record SubscriptionUpdated(Instant at, Subscription subscription, SubscriptionHistoryEntry entry)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.subscriptionUpdated(this);
    }
  }

  /** How many disputes are in each state, by reason: the dispute gauges. */
  record DisputesMeasured(Instant at, Map<DisputeState, Map<DisputeReason, Long>> counts)
      implements PaykitEvent {
    public DisputesMeasured {
      counts = Map.copyOf(counts);
    }

    /** Disputes not won or lost yet. */
    public long open() {
      long open = 0;
      for (Map.Entry<DisputeState, Map<DisputeReason, Long>> byState : counts.entrySet()) {
        if (!byState.getKey().isTerminal()) {
          for (long count : byState.getValue().values()) {
            open += count;
          }
        }
      }
      return open;
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.disputesMeasured(this);
    }
  }

  record WebhookAccepted(Instant at, EventId eventId, String type) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.webhookAccepted(this);
    }
  }

  record WebhookDuplicate(Instant at, EventId eventId) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.webhookDuplicate(this);
    }
  }

  /**
   * A verified event of a type Paykit does not model was acknowledged and not stored; {@code type}
   * is the provider's name for it.
   */
  record WebhookIgnored(Instant at, EventId eventId, String type) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.webhookIgnored(this);
    }
  }

  /** Signature or format check failed; {@code reason} is a code, {@code detail} never the body. */
  record WebhookRejected(Instant at, String reason, String detail) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.webhookRejected(this);
    }
  }

  /** An inbox event was applied; {@code latency} runs from receipt to the end of processing. */
  record WebhookProcessed(Instant at, EventId eventId, Duration latency) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.webhookProcessed(this);
    }
  }

  record WebhookRetryScheduled(Instant at, EventId eventId, int attempts, String error)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.webhookRetryScheduled(this);
    }
  }

  record WebhookDeadLettered(Instant at, EventId eventId, int attempts, String error)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.webhookDeadLettered(this);
    }
  }

  /** A provider call is retried after a transient failure. */
  record ProviderRetry(Instant at, String operation, int attempt, String cause, Duration delay)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.providerRetry(this);
    }
  }

  /** A provider call ended with an error status (after any retries). */
  record ProviderFailure(Instant at, String operation, int status, String code, String requestId)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.providerFailure(this);
    }
  }

  record TokenRefreshed(Instant at, Duration validFor) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.tokenRefreshed(this);
    }
  }

  /** A reconciliation run finished. */
  record ReconciliationFinished(Instant at, int examined, int changed, int unresolved)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.reconciliationFinished(this);
    }
  }

  /** The shop's handler took an outbox event; {@code latency} since the change it reports. */
  record OutboxDelivered(
      Instant at, OutboxEventId eventId, String type, int attempts, Duration latency)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.outboxDelivered(this);
    }
  }

  /** The shop's handler threw; the event comes again later. {@code error} is a type or code. */
  record OutboxRetryScheduled(Instant at, OutboxEventId eventId, int attempts, String error)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.outboxRetryScheduled(this);
    }
  }

  /**
   * The shop's handler threw on every attempt: the event is a dead letter, and its payment's later
   * events wait behind it until it is replayed. Worth an alert.
   */
  record OutboxDeadLettered(Instant at, OutboxEventId eventId, int attempts, String error)
      implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.outboxDeadLettered(this);
    }
  }

  /** What waits in the outbox after a dispatcher's pass: the gauges and the alert signal. */
  record OutboxBacklogMeasured(Instant at, OutboxBacklog backlog) implements PaykitEvent {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.outboxBacklogMeasured(this);
    }
  }
}
