package dev.paykit.app.tour;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real time plus an offset that only grows: the one clock the sandbox and Paykit share during a
 * tour. A flow that would otherwise wait minutes (a checkout expiring, a captured webhook growing
 * old, an access token ageing) moves it forward instead; both sides see the same jump, so signed
 * timestamps, expiry and token lifetimes stay consistent with each other.
 */
public final class TourClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset;

  public TourClock(Clock base) {
    this(base, new AtomicReference<>(Duration.ZERO));
  }

  private TourClock(Clock base, AtomicReference<Duration> offset) {
    this.base = Objects.requireNonNull(base, "base");
    this.offset = offset;
  }

  /** Moves the clock forward by {@code jump}. */
  public void advance(Duration jump) {
    if (jump.isNegative()) {
      throw new IllegalArgumentException("the tour's clock only moves forward");
    }
    offset.updateAndGet(current -> current.plus(jump));
  }

  /** How far ahead of real time the clock is. */
  public Duration offset() {
    return offset.get();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new TourClock(base.withZone(zone), offset);
  }
}
