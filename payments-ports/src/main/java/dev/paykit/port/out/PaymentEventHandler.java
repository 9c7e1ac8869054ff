package dev.paykit.port.out;

import dev.paykit.domain.outbox.OutboxEvent;
import java.time.Duration;
import java.util.Optional;

/**
 * What the shop implements to learn every outcome: payments created, started, succeeded, failed,
 * cancelled, expired, anomalies, refunds. Called by the outbox dispatcher, at least once per event
 * and in sequence order per payment; returning normally means the shop has it, throwing means try
 * again later (with backoff, then the dead letters).
 *
 * <p>At least once: an event can come again (a dispatcher that died after the handler returned and
 * before it marked the event delivered). De-duplicate by {@link OutboxEvent#id()} in the shop's own
 * transaction, e.g. {@code INSERT INTO handled_events (event_id) VALUES (?) ON CONFLICT DO NOTHING}
 * and act only when a row was inserted.
 */
@FunctionalInterface
public interface PaymentEventHandler {
  void handle(OutboxEvent event) throws Exception;

  /**
   * Implemented by an exception a handler throws when it knows when to try again (an endpoint's
   * {@code Retry-After}): the dispatcher waits at least that long before the next delivery.
   */
  interface RetryAfter {
    Optional<Duration> retryAfter();
  }
}
