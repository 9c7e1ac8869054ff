package dev.paykit.bench.soak;

import dev.paykit.domain.payment.Outcome;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the soak counts: the faults it injected, what the clients saw, and what the core
 * reported through its observer. Thread-safe; the report reads it at the end.
 */
final class SoakStats implements PaykitObserver {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final CoreCounts coreCounts = new CoreCounts();

  void count(String name) {
    add(name, 1);
  }

  void add(String name, long n) {
    counters.computeIfAbsent(name, k -> new LongAdder()).add(n);
  }

  long get(String name) {
    LongAdder adder = counters.get(name);
    return adder == null ? 0 : adder.sum();
  }

  /** Every counter whose name starts with {@code prefix}, by the rest of its name, sorted. */
  Map<String, Long> withPrefix(String prefix) {
    Map<String, Long> result = new TreeMap<>();
    counters.forEach(
        (name, adder) -> {
          if (name.startsWith(prefix)) {
            result.put(name.substring(prefix.length()), adder.sum());
          }
        });
    return result;
  }

  @Override
  public void on(PaykitEvent event) {
    event.accept(coreCounts);
  }

  /**
   * What the core reported, one counter per kind of event. Only the steps every checkout takes are
   * left out: the client counters already say how many there were.
   */
  private final class CoreCounts implements PaykitEvent.Handler<Void> {
    @Override
    public Void paymentCreated(PaykitEvent.PaymentCreated event) {
      // Every checkout creates one; "client.answer ..." counts them.
      return null;
    }

    @Override
    public Void paymentTransition(PaykitEvent.PaymentTransition event) {
      // An applied report is every checkout's normal progress; only the others are news.
      if (event.entry().outcome() != Outcome.APPLIED) {
        count("core.reports recorded as " + event.entry().outcome());
      }
      return null;
    }

    @Override
    public Void paymentQueued(PaykitEvent.PaymentQueued event) {
      return counted("core.payments queued (provider unavailable)");
    }

    @Override
    public Void idempotentReplay(PaykitEvent.IdempotentReplay event) {
      return counted("core.idempotent replays");
    }

    @Override
    public Void idempotencyConflict(PaykitEvent.IdempotencyConflict event) {
      return counted("core.idempotency conflicts");
    }

    @Override
    public Void refundUpdated(PaykitEvent.RefundUpdated event) {
      return counted("core.refund updates");
    }

    @Override
    public Void subscriptionUpdated(PaykitEvent.SubscriptionUpdated event) {
      return counted("core.subscription updates");
    }

    @Override
    public Void disputeUpdated(PaykitEvent.DisputeUpdated event) {
      return counted("core.dispute updates");
    }

    @Override
    public Void disputesMeasured(PaykitEvent.DisputesMeasured event) {
      // The soak opens no disputes: a measurement of none is not worth a line of its table.
      return null;
    }

    @Override
    public Void webhookAccepted(PaykitEvent.WebhookAccepted event) {
      return counted("core.webhooks accepted");
    }

    @Override
    public Void webhookDuplicate(PaykitEvent.WebhookDuplicate event) {
      return counted("core.webhooks acknowledged as duplicates");
    }

    @Override
    public Void webhookIgnored(PaykitEvent.WebhookIgnored event) {
      return counted("core.webhooks ignored (type not modelled)");
    }

    @Override
    public Void webhookRejected(PaykitEvent.WebhookRejected event) {
      return counted("core.webhooks rejected: " + event.reason());
    }

    @Override
    public Void webhookProcessed(PaykitEvent.WebhookProcessed event) {
      return counted("core.webhooks processed");
    }

    @Override
    public Void webhookRetryScheduled(PaykitEvent.WebhookRetryScheduled event) {
      return counted("core.webhook processing retried later");
    }

    @Override
    public Void webhookDeadLettered(PaykitEvent.WebhookDeadLettered event) {
      return counted("core.webhooks dead-lettered");
    }

    @Override
    public Void providerRetry(PaykitEvent.ProviderRetry event) {
      return counted("core.provider retries");
    }

    @Override
    public Void providerFailure(PaykitEvent.ProviderFailure event) {
      return counted("core.provider calls failed after retries");
    }

    @Override
    public Void tokenRefreshed(PaykitEvent.TokenRefreshed event) {
      return counted("core.token refreshes");
    }

    @Override
    public Void reconciliationFinished(PaykitEvent.ReconciliationFinished event) {
      add("core.payments changed by the reconciler", event.changed());
      return null;
    }

    @Override
    public Void outboxDelivered(PaykitEvent.OutboxDelivered event) {
      return counted("core.outbox events delivered");
    }

    @Override
    public Void outboxRetryScheduled(PaykitEvent.OutboxRetryScheduled event) {
      return counted("core.outbox deliveries retried later");
    }

    @Override
    public Void outboxDeadLettered(PaykitEvent.OutboxDeadLettered event) {
      return counted("core.outbox events dead-lettered");
    }

    @Override
    public Void outboxBacklogMeasured(PaykitEvent.OutboxBacklogMeasured event) {
      return counted("core.outbox dispatcher passes");
    }

    private Void counted(String name) {
      count(name);
      return null;
    }
  }
}
