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
    if (event instanceof PaykitEvent.ProviderRetry) {
      count("core.provider retries");
    } else if (event instanceof PaykitEvent.ProviderFailure) {
      count("core.provider calls failed after retries");
    } else if (event instanceof PaykitEvent.WebhookRejected r) {
      count("core.webhooks rejected: " + r.reason());
    } else if (event instanceof PaykitEvent.WebhookDuplicate) {
      count("core.webhooks acknowledged as duplicates");
    } else if (event instanceof PaykitEvent.WebhookAccepted) {
      count("core.webhooks accepted");
    } else if (event instanceof PaykitEvent.WebhookProcessed) {
      count("core.webhooks processed");
    } else if (event instanceof PaykitEvent.WebhookRetryScheduled) {
      count("core.webhook processing retried later");
    } else if (event instanceof PaykitEvent.WebhookDeadLettered) {
      count("core.webhooks dead-lettered");
    } else if (event instanceof PaykitEvent.PaymentQueued) {
      count("core.payments queued (provider unavailable)");
    } else if (event instanceof PaykitEvent.IdempotentReplay) {
      count("core.idempotent replays");
    } else if (event instanceof PaykitEvent.TokenRefreshed) {
      count("core.token refreshes");
    } else if (event instanceof PaykitEvent.PaymentTransition t
        && t.entry().outcome() != Outcome.APPLIED) {
      count("core.reports recorded as " + t.entry().outcome());
    } else if (event instanceof PaykitEvent.ReconciliationFinished r) {
      add("core.payments changed by the reconciler", r.changed());
    }
  }
}
