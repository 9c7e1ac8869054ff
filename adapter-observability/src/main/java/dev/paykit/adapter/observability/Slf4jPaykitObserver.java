package dev.paykit.adapter.observability;

import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured log line per event: a stable message ({@code payment.transition}) and key-value
 * pairs a log pipeline can index. Payments are logged by id, order, amount and state only:
 * metadata, URLs and anything secret never reach a log.
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
          .addKeyValue("detail", e.detail())
          .log();
    } else if (event instanceof PaykitEvent.IdempotentReplay e) {
      at(Level.INFO, "idempotency.replay")
          .addKeyValue("scope", e.scope())
          .addKeyValue("id", e.paymentOrRefundId())
          .log();
    } else if (event instanceof PaykitEvent.IdempotencyConflict e) {
      at(Level.WARN, "idempotency.conflict").addKeyValue("scope", e.scope()).log();
    } else if (event instanceof PaykitEvent.RefundUpdated e) {
      at(Level.INFO, "refund.updated")
          .addKeyValue("refundId", e.refund().id().value())
          .addKeyValue("paymentId", e.refund().paymentId().value())
          .addKeyValue("amount", e.refund().amount())
          .addKeyValue("state", e.refund().state())
          .addKeyValue("outcome", e.outcome())
          .log();
    } else if (event instanceof PaykitEvent.WebhookAccepted e) {
      at(Level.INFO, "webhook.received")
          .addKeyValue("eventId", e.eventId().value())
          .addKeyValue("type", e.type())
          .log();
    } else if (event instanceof PaykitEvent.WebhookDuplicate e) {
      at(Level.INFO, "webhook.duplicate").addKeyValue("eventId", e.eventId().value()).log();
    } else if (event instanceof PaykitEvent.WebhookRejected e) {
      at(Level.WARN, "webhook.rejected")
          .addKeyValue("reason", e.reason())
          .addKeyValue("detail", e.detail())
          .log();
    } else if (event instanceof PaykitEvent.WebhookProcessed e) {
      at(Level.INFO, "webhook.processed")
          .addKeyValue("eventId", e.eventId().value())
          .addKeyValue("latencyMs", e.latency().toMillis())
          .log();
    } else if (event instanceof PaykitEvent.WebhookRetryScheduled e) {
      at(Level.WARN, "webhook.retry")
          .addKeyValue("eventId", e.eventId().value())
          .addKeyValue("attempts", e.attempts())
          .addKeyValue("error", e.error())
          .log();
    } else if (event instanceof PaykitEvent.WebhookDeadLettered e) {
      at(Level.ERROR, "webhook.dead_lettered")
          .addKeyValue("eventId", e.eventId().value())
          .addKeyValue("attempts", e.attempts())
          .addKeyValue("error", e.error())
          .log();
    } else if (event instanceof PaykitEvent.ProviderRetry e) {
      at(Level.INFO, "provider.retry")
          .addKeyValue("operation", e.operation())
          .addKeyValue("attempt", e.attempt())
          .addKeyValue("cause", e.cause())
          .addKeyValue("delayMs", e.delay().toMillis())
          .log();
    } else if (event instanceof PaykitEvent.ProviderFailure e) {
      LoggingEventBuilder line =
          at(Level.WARN, "provider.error")
              .addKeyValue("operation", e.operation())
              .addKeyValue("status", e.status())
              .addKeyValue("code", e.code());
      // No answer (a timeout) has no Request-Id; a "null" value would only mislead a search.
      if (e.requestId() != null) {
        line.addKeyValue("requestId", e.requestId());
      }
      line.log();
    } else if (event instanceof PaykitEvent.TokenRefreshed e) {
      at(Level.INFO, "provider.token_refreshed")
          .addKeyValue("validForSeconds", e.validFor().toSeconds())
          .log();
    } else if (event instanceof PaykitEvent.ReconciliationFinished e) {
      at(Level.INFO, "reconciliation.finished")
          .addKeyValue("examined", e.examined())
          .addKeyValue("changed", e.changed())
          .addKeyValue("unresolved", e.unresolved())
          .log();
    }
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
            .addKeyValue("from", entry.from())
            .addKeyValue("reported", entry.reported())
            .addKeyValue("outcome", entry.outcome())
            .addKeyValue("source", entry.source());
    entry.providerEventId().ifPresent(id -> line.addKeyValue("eventId", id));
    entry.providerRequestId().ifPresent(id -> line.addKeyValue("requestId", id));
    if (entry.detail() != null) {
      line.addKeyValue("detail", entry.detail());
    }
    line.log();
  }

  private LoggingEventBuilder at(Level level, String message) {
    return log.atLevel(level).setMessage(message);
  }

  private static LoggingEventBuilder payment(LoggingEventBuilder line, Payment payment) {
    LoggingEventBuilder withIds =
        line.addKeyValue("paymentId", payment.id().value())
            .addKeyValue("externalId", payment.externalId().value())
            .addKeyValue("amount", payment.request().amount())
            .addKeyValue("state", payment.state());
    if (payment.transactionId() != null) {
      withIds.addKeyValue("transactionId", payment.transactionId().value());
    }
    payment.failureInfo().ifPresent(f -> withIds.addKeyValue("failure", f.reason()));
    payment
        .failureInfo()
        .flatMap(f -> f.decline())
        .ifPresent(c -> withIds.addKeyValue("declineCode", c.value()));
    return withIds;
  }
}
