package dev.paykit.transport;

import dev.paykit.sandbox.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} for tests: records each wait and moves the test clock by it instead of
 * sleeping.
 */
public final class RecordingSleeper implements Sleeper {
  private final MutableClock clock;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  public RecordingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    clock.advance(duration);
  }

  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}
