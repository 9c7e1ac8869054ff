package dev.paykit.adapter.observability;

import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Turns events into Micrometer meters, all named {@code paykit.*}. The success rate is {@code
 * paykit.payments.completed{state=SUCCEEDED}} over all of {@code paykit.payments.completed};
 * failures carry their reason and decline code as tags. No tag ever holds an id, so the number of
 * series stays bounded however many payments there are.
 */
public final class MicrometerPaykitObserver implements PaykitObserver {
  private final MeterRegistry registry;

  @Inject
  public MicrometerPaykitObserver(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void on(PaykitEvent event) {
    if (event instanceof PaykitEvent.PaymentCreated e) {
      registry
          .counter(
              "paykit.payments.created", "currency", e.payment().request().amount().currencyCode())
          .increment();
    } else if (event instanceof PaykitEvent.PaymentTransition e) {
      transition(e.payment(), e.entry());
    } else if (event instanceof PaykitEvent.PaymentQueued) {
      registry.counter("paykit.payments.queued").increment();
    } else if (event instanceof PaykitEvent.IdempotentReplay e) {
      registry.counter("paykit.idempotency.replays", "scope", e.scope()).increment();
    } else if (event instanceof PaykitEvent.IdempotencyConflict e) {
      registry.counter("paykit.idempotency.conflicts", "scope", e.scope()).increment();
    } else if (event instanceof PaykitEvent.RefundUpdated e) {
      registry.counter("paykit.refunds.updates", "state", e.refund().state().name()).increment();
    } else if (event instanceof PaykitEvent.WebhookAccepted) {
      registry.counter("paykit.webhooks.received", "result", "accepted").increment();
    } else if (event instanceof PaykitEvent.WebhookIgnored) {
      // Not tagged with the type: the provider names types, so their number is not bounded here.
      registry.counter("paykit.webhooks.received", "result", "ignored").increment();
    } else if (event instanceof PaykitEvent.WebhookDuplicate) {
      registry.counter("paykit.webhooks.received", "result", "duplicate").increment();
    } else if (event instanceof PaykitEvent.WebhookRejected e) {
      registry.counter("paykit.webhooks.received", "result", "rejected").increment();
      registry.counter("paykit.webhooks.signature_failures", "reason", e.reason()).increment();
    } else if (event instanceof PaykitEvent.WebhookProcessed e) {
      timer("paykit.webhooks.processing_latency").record(e.latency());
    } else if (event instanceof PaykitEvent.WebhookRetryScheduled) {
      registry.counter("paykit.webhooks.retries").increment();
    } else if (event instanceof PaykitEvent.WebhookDeadLettered) {
      registry.counter("paykit.webhooks.dead_lettered").increment();
    } else if (event instanceof PaykitEvent.ProviderRetry e) {
      registry
          .counter("paykit.provider.retries", "operation", e.operation(), "cause", e.cause())
          .increment();
    } else if (event instanceof PaykitEvent.ProviderFailure e) {
      registry
          .counter(
              "paykit.provider.errors",
              "operation",
              e.operation(),
              "status",
              Integer.toString(e.status()),
              "code",
              e.code() == null ? "none" : e.code())
          .increment();
    } else if (event instanceof PaykitEvent.TokenRefreshed) {
      registry.counter("paykit.provider.token_refreshes").increment();
    } else if (event instanceof PaykitEvent.ReconciliationFinished e) {
      registry.counter("paykit.reconciliation.runs").increment();
      registry.counter("paykit.reconciliation.changed").increment(e.changed());
      registry.counter("paykit.reconciliation.unresolved").increment(e.unresolved());
    }
  }

  private void transition(Payment payment, HistoryEntry entry) {
    registry
        .counter(
            "paykit.payments.transitions",
            "outcome",
            entry.outcome().name(),
            "source",
            entry.source().name())
        .increment();
    if (entry.outcome() == Outcome.ANOMALY) {
      registry.counter("paykit.payments.anomalies").increment();
    }
    if (entry.outcome() != Outcome.APPLIED || !payment.state().isTerminal()) {
      return;
    }
    String reason = payment.failureInfo().map(f -> f.reason().name()).orElse("none");
    String decline =
        payment.failureInfo().flatMap(f -> f.decline()).map(c -> c.value()).orElse("none");
    registry
        .counter(
            "paykit.payments.completed",
            "state",
            payment.state().name(),
            "reason",
            reason,
            "decline_code",
            decline)
        .increment();
    Timer.builder("paykit.payments.time_to_terminal")
        .tag("state", payment.state().name())
        .register(registry)
        .record(Duration.between(payment.createdAt(), entry.at()));
  }

  private Timer timer(String name) {
    return Timer.builder(name).publishPercentiles(0.5, 0.99).register(registry);
  }
}
