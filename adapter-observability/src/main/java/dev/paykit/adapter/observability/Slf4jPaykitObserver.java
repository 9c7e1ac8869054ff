package dev.paykit.adapter.observability;

import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.shared.LogText;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured log line per event: a stable message ({@code payment.transition}) and key-value
 * pairs a log pipeline can index. Payments are logged by id, order, amount and state only:
 * metadata, URLs and anything secret never reach a log. Every text value is escaped ({@link
 * LogText}), so no value can break its line.
 */
public final class Slf4jPaykitObserver implements PaykitObserver {
  private final Logger log;

  @Inject
  public Slf4jPaykitObserver() {
    this(LoggerFactory.getLogger("dev.paykit.events"));
  }

  Slf4jPaykitObserver(Logger log) {
    this.log = log;
  }

  @Override
  public void on(PaykitEvent event) {
    if (event instanceof PaykitEvent.PaymentCreated e) {
      payment(at(Level.INFO, "payment.created"), e.payment()).log();
    } else if (event instanceof PaykitEvent.PaymentTransition e) {
      transition(e.payment(), e.entry());
    } else if (event instanceof PaykitEvent.PaymentQueued e) {
      payment(at(Level.WARN, "payment.queued"), e.payment())
          .addKeyValue("detail", safe(e.detail()))
          .log();
    } else if (event instanceof PaykitEvent.IdempotentReplay e) {
      at(Level.INFO, "idempotency.replay")
          .addKeyValue("scope", safe(e.scope()))
          .addKeyValue("id", safe(e.paymentOrRefundId()))
          .log();
    } else if (event instanceof PaykitEvent.IdempotencyConflict e) {
      at(Level.WARN, "idempotency.conflict").addKeyValue("scope", safe(e.scope())).log();
    } else if (event instanceof PaykitEvent.RefundUpdated e) {
      at(Level.INFO, "refund.updated")
          .addKeyValue("refundId", safe(e.refund().id().value()))
          .addKeyValue("paymentId", safe(e.refund().paymentId().value()))
          .addKeyValue("amount", safe(e.refund().amount()))
          .addKeyValue("state", safe(e.refund().state()))
          .addKeyValue("outcome", safe(e.outcome()))
          .log();
    } else if (event instanceof PaykitEvent.WebhookAccepted e) {
      webhook("webhook.received", e.eventId(), e.type());
    } else if (event instanceof PaykitEvent.WebhookIgnored e) {
      webhook("webhook.ignored", e.eventId(), e.type());
    } else if (event instanceof PaykitEvent.WebhookDuplicate e) {
      at(Level.INFO, "webhook.duplicate").addKeyValue("eventId", safe(e.eventId().value())).log();
    } else if (event instanceof PaykitEvent.WebhookRejected e) {
      at(Level.WARN, "webhook.rejected")
          .addKeyValue("reason", safe(e.reason()))
          .addKeyValue("detail", safe(e.detail()))
          .log();
    } else if (event instanceof PaykitEvent.WebhookProcessed e) {
      at(Level.INFO, "webhook.processed")
          .addKeyValue("eventId", safe(e.eventId().value()))
          .addKeyValue("latencyMs", safe(e.latency().toMillis()))
          .log();
    } else if (event instanceof PaykitEvent.WebhookRetryScheduled e) {
      at(Level.WARN, "webhook.retry")
          .addKeyValue("eventId", safe(e.eventId().value()))
          .addKeyValue("attempts", safe(e.attempts()))
          .addKeyValue("error", safe(e.error()))
          .log();
    } else if (event instanceof PaykitEvent.WebhookDeadLettered e) {
      at(Level.ERROR, "webhook.dead_lettered")
          .addKeyValue("eventId", safe(e.eventId().value()))
          .addKeyValue("attempts", safe(e.attempts()))
          .addKeyValue("error", safe(e.error()))
          .log();
    } else if (event instanceof PaykitEvent.ProviderRetry e) {
      at(Level.INFO, "provider.retry")
          .addKeyValue("operation", safe(e.operation()))
          .addKeyValue("attempt", safe(e.attempt()))
          .addKeyValue("cause", safe(e.cause()))
          .addKeyValue("delayMs", safe(e.delay().toMillis()))
          .log();
    } else if (event instanceof PaykitEvent.ProviderFailure e) {
      LoggingEventBuilder line =
          at(Level.WARN, "provider.error")
              .addKeyValue("operation", safe(e.operation()))
              .addKeyValue("status", safe(e.status()))
              .addKeyValue("code", safe(e.code()));
      // No answer (a timeout) has no Request-Id; a "null" value would only mislead a search.
      if (e.requestId() != null) {
        line.addKeyValue("requestId", safe(e.requestId()));
      }
      line.log();
    } else if (event instanceof PaykitEvent.TokenRefreshed e) {
      at(Level.INFO, "provider.token_refreshed")
          .addKeyValue("validForSeconds", safe(e.validFor().toSeconds()))
          .log();
    } else if (event instanceof PaykitEvent.ReconciliationFinished e) {
      at(Level.INFO, "reconciliation.finished")
          .addKeyValue("examined", safe(e.examined()))
          .addKeyValue("changed", safe(e.changed()))
          .addKeyValue("unresolved", safe(e.unresolved()))
          .log();
    }
  }

  private void webhook(String message, EventId eventId, String type) {
    at(Level.INFO, message)
        .addKeyValue("eventId", safe(eventId.value()))
        .addKeyValue("type", safe(type))
        .log();
  }

  private void transition(Payment payment, HistoryEntry entry) {
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
    line.log();
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
