package dev.paykit.adapter.observability;

import dev.paykit.domain.dispute.DisputeHistoryEntry;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.shared.OutboxBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns events into Micrometer meters, all named {@code paykit.*}. The success rate is {@code
 * paykit.payments.completed{state=SUCCEEDED}} over all of {@code paykit.payments.completed};
 * failures carry their reason and decline code as tags. The outbox's alert signal is the gauge
 * {@code paykit.outbox.oldest_undelivered_age_seconds}, next to {@code paykit.outbox.undelivered}
 * and {@code paykit.outbox.dead}. Disputes are counted by reason as they open and by reason and
 * outcome as they close; {@code paykit.disputes.open} and {@code paykit.disputes.rate} are gauges.
 * Subscription steps are counted by event and outcome ({@code paykit.subscriptions.updates}). No
 * tag ever holds an id, so the number of series stays bounded however many payments there are.
 */
public final class MicrometerPaykitObserver implements PaykitObserver {
  private final MeterRegistry registry;
  private final Meters meters = new Meters();
  private final Backlog backlog = new Backlog();
  private final DisputeGauges disputes = new DisputeGauges();

  @Inject
  public MicrometerPaykitObserver(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void on(PaykitEvent event) {
    event.accept(meters);
  }

  /** What each event counts or times; every event moves at least one meter. */
  private final class Meters implements PaykitEvent.Handler<Void> {
    @Override
    public Void paymentCreated(PaykitEvent.PaymentCreated e) {
      registry
          .counter(
              "paykit.payments.created", "currency", e.payment().request().amount().currencyCode())
          .increment();
      return null;
    }

    @Override
    public Void paymentTransition(PaykitEvent.PaymentTransition e) {
      transition(e.payment(), e.entry());
      return null;
    }

    @Override
    public Void paymentQueued(PaykitEvent.PaymentQueued e) {
      registry.counter("paykit.payments.queued").increment();
      return null;
    }

    @Override
    public Void idempotentReplay(PaykitEvent.IdempotentReplay e) {
      registry.counter("paykit.idempotency.replays", "scope", e.scope()).increment();
      return null;
    }

    @Override
    public Void idempotencyConflict(PaykitEvent.IdempotencyConflict e) {
      registry.counter("paykit.idempotency.conflicts", "scope", e.scope()).increment();
      return null;
    }

    @Override
    public Void refundUpdated(PaykitEvent.RefundUpdated e) {
      registry.counter("paykit.refunds.updates", "state", e.refund().state().name()).increment();
      return null;
    }

    @Override
    public Void subscriptionUpdated(PaykitEvent.SubscriptionUpdated e) {
      registry
          .counter(
              "paykit.subscriptions.updates",
              "event",
              e.entry().event().name(),
              "outcome",
              e.entry().outcome().name())
          .increment();
      return null;
    }

    @Override
    public Void disputeUpdated(PaykitEvent.DisputeUpdated e) {
      DisputeHistoryEntry entry = e.entry();
      registry
          .counter(
              "paykit.disputes.updates",
              "event",
              entry.event().name(),
              "outcome",
              entry.outcome().name())
          .increment();
      String reason = e.dispute().reason().name();
      if (entry.sequence() == 0) {
        registry.counter("paykit.disputes.opened", "reason", reason).increment();
        disputes.opened();
      }
      boolean closes =
          entry.to().isTerminal()
              && (entry.sequence() == 0
                  || entry.outcome() == Outcome.APPLIED && entry.from() != entry.to());
      if (closes) {
        registry
            .counter("paykit.disputes.closed", "reason", reason, "outcome", entry.to().name())
            .increment();
      }
      return null;
    }

    @Override
    public Void disputesMeasured(PaykitEvent.DisputesMeasured e) {
      // A pass that stopped being counted is a reminder scheduler that stopped running.
      registry.counter("paykit.disputes.reminder_runs").increment();
      disputes.measured(e.open());
      return null;
    }

    @Override
    public Void webhookAccepted(PaykitEvent.WebhookAccepted e) {
      return received("accepted");
    }

    @Override
    public Void webhookDuplicate(PaykitEvent.WebhookDuplicate e) {
      return received("duplicate");
    }

    @Override
    public Void webhookIgnored(PaykitEvent.WebhookIgnored e) {
      // Not tagged with the type: the provider names types, so their number is not bounded here.
      return received("ignored");
    }

    @Override
    public Void webhookRejected(PaykitEvent.WebhookRejected e) {
      registry.counter("paykit.webhooks.signature_failures", "reason", e.reason()).increment();
      return received("rejected");
    }

    @Override
    public Void webhookProcessed(PaykitEvent.WebhookProcessed e) {
      timer("paykit.webhooks.processing_latency").record(e.latency());
      return null;
    }

    @Override
    public Void webhookRetryScheduled(PaykitEvent.WebhookRetryScheduled e) {
      registry.counter("paykit.webhooks.retries").increment();
      return null;
    }

    @Override
    public Void webhookDeadLettered(PaykitEvent.WebhookDeadLettered e) {
      registry.counter("paykit.webhooks.dead_lettered").increment();
      return null;
    }

    @Override
    public Void providerRetry(PaykitEvent.ProviderRetry e) {
      registry
          .counter("paykit.provider.retries", "operation", e.operation(), "cause", e.cause())
          .increment();
      return null;
    }

    @Override
    public Void providerFailure(PaykitEvent.ProviderFailure e) {
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
      return null;
    }

    @Override
    public Void tokenRefreshed(PaykitEvent.TokenRefreshed e) {
      registry.counter("paykit.provider.token_refreshes").increment();
      return null;
    }

    @Override
    public Void reconciliationFinished(PaykitEvent.ReconciliationFinished e) {
      registry.counter("paykit.reconciliation.runs").increment();
      registry.counter("paykit.reconciliation.changed").increment(e.changed());
      registry.counter("paykit.reconciliation.unresolved").increment(e.unresolved());
      return null;
    }

    @Override
    public Void outboxDelivered(PaykitEvent.OutboxDelivered e) {
      // The type is one of Paykit's own event names, so the number of series stays bounded.
      registry.counter("paykit.outbox.delivered", "type", e.type()).increment();
      timer("paykit.outbox.delivery_latency").record(e.latency());
      return null;
    }

    @Override
    public Void outboxRetryScheduled(PaykitEvent.OutboxRetryScheduled e) {
      // Not tagged with the error: it is the shop's exception type, or a code with its subject.
      registry.counter("paykit.outbox.retried").increment();
      return null;
    }

    @Override
    public Void outboxDeadLettered(PaykitEvent.OutboxDeadLettered e) {
      registry.counter("paykit.outbox.dead_lettered").increment();
      return null;
    }

    @Override
    public Void outboxBacklogMeasured(PaykitEvent.OutboxBacklogMeasured e) {
      // A pass that stopped being counted is a dispatcher that stopped running.
      registry.counter("paykit.outbox.runs").increment();
      backlog.measured(e.backlog());
      return null;
    }

    private Void received(String result) {
      registry.counter("paykit.webhooks.received", "result", result).increment();
      return null;
    }
  }

  /**
   * The outbox's gauges, set from the latest measurement. They are registered with the first one,
   * so that a dispatcher that never ran shows no series rather than an empty outbox. The registry
   * holds gauges' state weakly: this observer keeps it.
   */
  private final class Backlog {
    private final AtomicLong undelivered = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong oldestUndeliveredAgeMillis = new AtomicLong();
    private final AtomicBoolean registered = new AtomicBoolean();

    void measured(OutboxBacklog backlog) {
      undelivered.set(backlog.undelivered());
      dead.set(backlog.dead());
      oldestUndeliveredAgeMillis.set(backlog.oldestUndeliveredAge().toMillis());
      if (registered.compareAndSet(false, true)) {
        Gauge.builder("paykit.outbox.undelivered", undelivered, AtomicLong::get).register(registry);
        Gauge.builder("paykit.outbox.dead", dead, AtomicLong::get).register(registry);
        Gauge.builder(
                "paykit.outbox.oldest_undelivered_age_seconds",
                oldestUndeliveredAgeMillis,
                millis -> millis.get() / 1000.0)
            .baseUnit("seconds")
            .register(registry);
      }
    }
  }

  /**
   * The dispute gauges: the open disputes as the latest measurement counted them in the store, and
   * the dispute rate, disputes opened over payments succeeded as this observer counted them since
   * it started (the share that card schemes watch; they act above about 1%).
   */
  private final class DisputeGauges {
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicBoolean openRegistered = new AtomicBoolean();
    private final AtomicBoolean rateRegistered = new AtomicBoolean();

    void measured(long count) {
      open.set(count);
      if (openRegistered.compareAndSet(false, true)) {
        Gauge.builder("paykit.disputes.open", open, AtomicLong::get).register(registry);
      }
    }

    void opened() {
      opened.incrementAndGet();
      registerRate();
    }

    void succeeded() {
      succeeded.incrementAndGet();
      registerRate();
    }

    private void registerRate() {
      if (rateRegistered.compareAndSet(false, true)) {
        Gauge.builder("paykit.disputes.rate", this, DisputeGauges::rate).register(registry);
      }
    }

    private double rate() {
      long paid = succeeded.get();
      return paid == 0 ? 0.0 : (double) opened.get() / paid;
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
    if (payment.state() == PaymentState.SUCCEEDED) {
      disputes.succeeded();
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
