package dev.paykit.port.shared;

import java.time.Duration;
import java.util.Objects;

/**
 * What waits in the outbox: events not delivered yet (pending or claimed), dead letters, and the
 * age of the oldest undelivered event, the signal to alert on (zero when nothing waits).
 */
public record OutboxBacklog(long undelivered, long dead, Duration oldestUndeliveredAge) {
  public OutboxBacklog {
    Objects.requireNonNull(oldestUndeliveredAge, "oldestUndeliveredAge");
  }
}
