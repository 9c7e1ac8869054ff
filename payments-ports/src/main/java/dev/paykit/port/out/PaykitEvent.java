package dev.paykit.port.out;

import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.refund.Refund;
import dev.paykit.domain.webhook.EventId;
import java.time.Duration;
import java.time.Instant;

/** What {@link PaykitObserver} hears about. No event carries a secret. */
public sealed interface PaykitEvent {
  Instant at();

  /** A payment was recorded. */
  record PaymentCreated(Instant at, Payment payment) implements PaykitEvent {}

  /**
   * A report or step was recorded on a payment: applied, a duplicate, stale, an anomaly (a report
   * contradicting a terminal state: alert someone) or rejected. {@code entry.outcome()} says which.
   */
  record PaymentTransition(Instant at, Payment payment, HistoryEntry entry)
      implements PaykitEvent {}

  /** The provider could not be reached; the payment waits in {@code CREATED} to be sent later. */
  record PaymentQueued(Instant at, Payment payment, String detail) implements PaykitEvent {}

  /** A request with an idempotency key was answered from what is stored. */
  record IdempotentReplay(Instant at, String scope, String paymentOrRefundId)
      implements PaykitEvent {}

  /** A key came back with a different request. */
  record IdempotencyConflict(Instant at, String scope) implements PaykitEvent {}

  record RefundUpdated(Instant at, Refund refund, String outcome) implements PaykitEvent {}

  record WebhookAccepted(Instant at, EventId eventId, String type) implements PaykitEvent {}

  record WebhookDuplicate(Instant at, EventId eventId) implements PaykitEvent {}

  /**
   * A verified event of a type Paykit does not model was acknowledged and not stored; {@code type}
   * is the provider's name for it.
   */
  record WebhookIgnored(Instant at, EventId eventId, String type) implements PaykitEvent {}

  /** Signature or format check failed; {@code reason} is a code, {@code detail} never the body. */
  record WebhookRejected(Instant at, String reason, String detail) implements PaykitEvent {}

  /** An inbox event was applied; {@code latency} runs from receipt to the end of processing. */
  record WebhookProcessed(Instant at, EventId eventId, Duration latency) implements PaykitEvent {}

  record WebhookRetryScheduled(Instant at, EventId eventId, int attempts, String error)
      implements PaykitEvent {}

  record WebhookDeadLettered(Instant at, EventId eventId, int attempts, String error)
      implements PaykitEvent {}

  /** A provider call is retried after a transient failure. */
  record ProviderRetry(Instant at, String operation, int attempt, String cause, Duration delay)
      implements PaykitEvent {}

  /** A provider call ended with an error status (after any retries). */
  record ProviderFailure(Instant at, String operation, int status, String code, String requestId)
      implements PaykitEvent {}

  record TokenRefreshed(Instant at, Duration validFor) implements PaykitEvent {}

  /** A reconciliation run finished. */
  record ReconciliationFinished(Instant at, int examined, int changed, int unresolved)
      implements PaykitEvent {}
}
