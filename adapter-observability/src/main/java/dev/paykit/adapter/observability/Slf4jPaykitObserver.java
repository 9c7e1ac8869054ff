package dev.paykit.adapter.observability;

import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.shared.LogText;
import dev.paykit.port.shared.OutboxBacklog;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured log line per event: a stable message ({@code payment.transition}) and key-value
 * pairs a log pipeline can index. Payments are logged by id, order, amount and state only:
 * metadata, URLs and anything secret never reach a log; outbox events by id and type, never their
 * payload. Every text value is escaped ({@link LogText}), so no value can break its line.
 */
public final class Slf4jPaykitObserver implements PaykitObserver {
  private final Logger log;
  private final Lines lines = new Lines();

  @Inject
  public Slf4jPaykitObserver() {
    this(LoggerFactory.getLogger("dev.paykit.events"));
  }

  Slf4jPaykitObserver(Logger log) {
    this.log = log;
  }

  @Override
  public void on(PaykitEvent event) {
    event.accept(lines).log();
  }

  /** The line each event is logged as; every event has one. */
  private final class Lines implements PaykitEvent.Handler<LoggingEventBuilder> {
    @Override
    public LoggingEventBuilder paymentCreated(PaykitEvent.PaymentCreated e) {
      return payment(at(Level.INFO, "payment.created"), e.payment());
    }

    @Override
    public LoggingEventBuilder paymentTransition(PaykitEvent.PaymentTransition e) {
      return transition(e.payment(), e.entry());
    }

    @Override
    public LoggingEventBuilder paymentQueued(PaykitEvent.PaymentQueued e) {
      return payment(at(Level.WARN, "payment.queued"), e.payment())
          .addKeyValue("detail", safe(e.detail()));
    }

    @Override
    public LoggingEventBuilder idempotentReplay(PaykitEvent.IdempotentReplay e) {
      return at(Level.INFO, "idempotency.replay")
          .addKeyValue("scope", safe(e.scope()))
          .addKeyValue("id", safe(e.paymentOrRefundId()));
    }

    @Override
    public LoggingEventBuilder idempotencyConflict(PaykitEvent.IdempotencyConflict e) {
      return at(Level.WARN, "idempotency.conflict").addKeyValue("scope", safe(e.scope()));
    }

    @Override
    public LoggingEventBuilder refundUpdated(PaykitEvent.RefundUpdated e) {
      return at(Level.INFO, "refund.updated")
          .addKeyValue("refundId", safe(e.refund().id().value()))
          .addKeyValue("paymentId", safe(e.refund().paymentId().value()))
          .addKeyValue("amount", safe(e.refund().amount()))
          .addKeyValue("state", safe(e.refund().state()))
          .addKeyValue("outcome", safe(e.outcome()));
    }

    @Override
    public LoggingEventBuilder disputeUpdated(PaykitEvent.DisputeUpdated e) {
      // A contradicted outcome is worth an alert, as for payments.
      Level level = e.entry().outcome() == Outcome.ANOMALY ? Level.WARN : Level.INFO;
      return at(level, "dispute.updated")
          .addKeyValue("disputeId", safe(e.dispute().id().value()))
          .addKeyValue("paymentId", safe(e.dispute().paymentId().value()))
          .addKeyValue("amount", safe(e.dispute().amount()))
          .addKeyValue("reason", safe(e.dispute().reason()))
          .addKeyValue("state", safe(e.dispute().state()))
          .addKeyValue("event", safe(e.entry().event()))
          .addKeyValue("outcome", safe(e.entry().outcome()))
          .addKeyValue("source", safe(e.entry().source()))
          .addKeyValue("evidenceDueBy", safe(e.dispute().evidenceDueBy()));
    }

    @Override
    public LoggingEventBuilder subscriptionUpdated(PaykitEvent.SubscriptionUpdated e) {
      // A rejected step is a race or a bug worth a look; the rest is the subscription's diary.
      Level level = e.entry().outcome() == Outcome.REJECTED ? Level.WARN : Level.INFO;
      return at(level, "subscription.updated")
          .addKeyValue("subscriptionId", safe(e.subscription().id().value()))
          .addKeyValue("state", safe(e.subscription().state()))
          .addKeyValue("event", safe(e.entry().event()))
          .addKeyValue("outcome", safe(e.entry().outcome()))
          .addKeyValue("cycle", e.entry().cycle());
    }

    @Override
    public LoggingEventBuilder disputesMeasured(PaykitEvent.DisputesMeasured e) {
      return at(Level.DEBUG, "disputes.measured").addKeyValue("open", e.open());
    }

    @Override
    public LoggingEventBuilder webhookAccepted(PaykitEvent.WebhookAccepted e) {
      return webhook("webhook.received", e.eventId(), e.type());
    }

    @Override
    public LoggingEventBuilder webhookDuplicate(PaykitEvent.WebhookDuplicate e) {
      return at(Level.INFO, "webhook.duplicate").addKeyValue("eventId", safe(e.eventId().value()));
    }

    @Override
    public LoggingEventBuilder webhookIgnored(PaykitEvent.WebhookIgnored e) {
      return webhook("webhook.ignored", e.eventId(), e.type());
    }

    @Override
    public LoggingEventBuilder webhookRejected(PaykitEvent.WebhookRejected e) {
      return at(Level.WARN, "webhook.rejected")
          .addKeyValue("reason", safe(e.reason()))
          .addKeyValue("detail", safe(e.detail()));
    }

    @Override
    public LoggingEventBuilder webhookProcessed(PaykitEvent.WebhookProcessed e) {
      return at(Level.INFO, "webhook.processed")
          .addKeyValue("eventId", safe(e.eventId().value()))
          .addKeyValue("latencyMs", safe(e.latency().toMillis()));
    }

    @Override
    public LoggingEventBuilder webhookRetryScheduled(PaykitEvent.WebhookRetryScheduled e) {
      return at(Level.WARN, "webhook.retry")
          .addKeyValue("eventId", safe(e.eventId().value()))
          .addKeyValue("attempts", safe(e.attempts()))
          .addKeyValue("error", safe(e.error()));
    }

    @Override
    public LoggingEventBuilder webhookDeadLettered(PaykitEvent.WebhookDeadLettered e) {
      return at(Level.ERROR, "webhook.dead_lettered")
          .addKeyValue("eventId", safe(e.eventId().value()))
          .addKeyValue("attempts", safe(e.attempts()))
          .addKeyValue("error", safe(e.error()));
    }

    @Override
    public LoggingEventBuilder providerRetry(PaykitEvent.ProviderRetry e) {
      return at(Level.INFO, "provider.retry")
          .addKeyValue("operation", safe(e.operation()))
          .addKeyValue("attempt", safe(e.attempt()))
          .addKeyValue("cause", safe(e.cause()))
          .addKeyValue("delayMs", safe(e.delay().toMillis()));
    }

    @Override
    public LoggingEventBuilder providerFailure(PaykitEvent.ProviderFailure e) {
      LoggingEventBuilder line =
          at(Level.WARN, "provider.error")
              .addKeyValue("operation", safe(e.operation()))
              .addKeyValue("status", safe(e.status()))
              .addKeyValue("code", safe(e.code()));
      // No answer (a timeout) has no Request-Id; a "null" value would only mislead a search.
      if (e.requestId() != null) {
        line.addKeyValue("requestId", safe(e.requestId()));
      }
      return line;
    }

    @Override
    public LoggingEventBuilder tokenRefreshed(PaykitEvent.TokenRefreshed e) {
      return at(Level.INFO, "provider.token_refreshed")
          .addKeyValue("validForSeconds", safe(e.validFor().toSeconds()));
    }

    @Override
    public LoggingEventBuilder reconciliationFinished(PaykitEvent.ReconciliationFinished e) {
      return at(Level.INFO, "reconciliation.finished")
          .addKeyValue("examined", safe(e.examined()))
          .addKeyValue("changed", safe(e.changed()))
          .addKeyValue("unresolved", safe(e.unresolved()));
    }

    @Override
    public LoggingEventBuilder outboxDelivered(PaykitEvent.OutboxDelivered e) {
      return at(Level.INFO, "outbox.delivered")
          .addKeyValue("eventId", safe(e.eventId().value()))
          .addKeyValue("type", safe(e.type()))
          .addKeyValue("attempts", safe(e.attempts()))
          .addKeyValue("latencyMs", safe(e.latency().toMillis()));
    }

    @Override
    public LoggingEventBuilder outboxRetryScheduled(PaykitEvent.OutboxRetryScheduled e) {
      return at(Level.WARN, "outbox.retry")
          .addKeyValue("eventId", safe(e.eventId().value()))
          .addKeyValue("attempts", safe(e.attempts()))
          .addKeyValue("error", safe(e.error()));
    }

    @Override
    public LoggingEventBuilder outboxDeadLettered(PaykitEvent.OutboxDeadLettered e) {
      return at(Level.ERROR, "outbox.dead_lettered")
          .addKeyValue("eventId", safe(e.eventId().value()))
          .addKeyValue("attempts", safe(e.attempts()))
          .addKeyValue("error", safe(e.error()));
    }

    /**
     * Measured after every dispatcher pass, so an empty outbox is only worth a debug line; dead
     * letters are a standing problem, logged as a warning on every pass until they are replayed.
     */
    @Override
    public LoggingEventBuilder outboxBacklogMeasured(PaykitEvent.OutboxBacklogMeasured e) {
      OutboxBacklog backlog = e.backlog();
      Level level =
          backlog.dead() > 0 ? Level.WARN : backlog.undelivered() > 0 ? Level.INFO : Level.DEBUG;
      return at(level, "outbox.backlog")
          .addKeyValue("undelivered", safe(backlog.undelivered()))
          .addKeyValue("dead", safe(backlog.dead()))
          .addKeyValue(
              "oldestUndeliveredAgeSeconds", safe(backlog.oldestUndeliveredAge().toSeconds()));
    }
  }

  private LoggingEventBuilder webhook(String message, EventId eventId, String type) {
    return at(Level.INFO, message)
        .addKeyValue("eventId", safe(eventId.value()))
        .addKeyValue("type", safe(type));
  }

  private LoggingEventBuilder transition(Payment payment, HistoryEntry entry) {
    Level level =
        entry.outcome() == Outcome.ANOMALY
            ? Level.ERROR
            : entry.outcome() == Outcome.REJECTED ? Level.WARN : Level.INFO;
    LoggingEventBuilder line =
        payment(
                at(
                    level,
                    entry.outcome() == Outcome.ANOMALY ? "payment.anomaly" : "payment.transition"),
                payment)
            .addKeyValue("from", safe(entry.from()))
            .addKeyValue("reported", safe(entry.reported()))
            .addKeyValue("outcome", safe(entry.outcome()))
            .addKeyValue("source", safe(entry.source()));
    entry.providerEventId().ifPresent(id -> line.addKeyValue("eventId", safe(id)));
    entry.providerRequestId().ifPresent(id -> line.addKeyValue("requestId", safe(id)));
    if (entry.detail() != null) {
      line.addKeyValue("detail", safe(entry.detail()));
    }
    return line;
  }

  /**
   * What a log line may hold of a value: numbers and enums as they are, anything else escaped by
   * {@link LogText}, since ids, codes and details can come from a provider or a signed webhook and
   * a line break in one would start a forged line.
   */
  private static Object safe(Object value) {
    return value instanceof Number || value instanceof Enum<?> ? value : LogText.escape(value);
  }

  private LoggingEventBuilder at(Level level, String message) {
    return log.atLevel(level).setMessage(message);
  }

  private static LoggingEventBuilder payment(LoggingEventBuilder line, Payment payment) {
    LoggingEventBuilder withIds =
        line.addKeyValue("paymentId", safe(payment.id().value()))
            .addKeyValue("externalId", safe(payment.externalId().value()))
            .addKeyValue("amount", safe(payment.request().amount()))
            .addKeyValue("state", safe(payment.state()));
    if (payment.transactionId() != null) {
      withIds.addKeyValue("transactionId", safe(payment.transactionId().value()));
    }
    payment.failureInfo().ifPresent(f -> withIds.addKeyValue("failure", safe(f.reason())));
    payment
        .failureInfo()
        .flatMap(f -> f.decline())
        .ifPresent(c -> withIds.addKeyValue("declineCode", safe(c.value())));
    return withIds;
  }
}
