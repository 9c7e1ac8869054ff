package dev.paykit.testkit.flows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves by hand, shared by the services and the fake provider, so that lock
 * expiry, retry backoff and reconciliation thresholds are reached without waiting. Ticks in whole
 * milliseconds, which every store keeps exactly.
 */
public final class FlowClock extends Clock {
  private final AtomicReference<Instant> now;

  public FlowClock(Instant start) {
    this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.MILLIS));
  }

  public void advance(Duration duration) {
    now.updateAndGet(t -> t.plus(duration).truncatedTo(ChronoUnit.MILLIS));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a flow clock is always UTC");
  }
}
