package dev.paykit.app.tour;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads the {@code paykit.*} meters back, for the flows' checks and the final summary. */
public final class MetricsView {
  private final MeterRegistry registry;

  public MetricsView(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The sum of the counters named {@code name} that carry every one of {@code tags}. */
  public double count(String name, String... tags) {
    return counters(name, tags).stream().mapToDouble(Counter::count).sum();
  }

  /** The counters named {@code name} that carry every one of {@code tags} (key, value, ...). */
  public List<Counter> counters(String name, String... tags) {
    List<Counter> found = new ArrayList<>();
    for (Meter meter : matching(name, tags)) {
      if (meter instanceof Counter counter) {
        found.add(counter);
      }
    }
    return found;
  }

  /** The timers named {@code name} that carry every one of {@code tags}. */
  public List<Timer> timers(String name, String... tags) {
    List<Timer> found = new ArrayList<>();
    for (Meter meter : matching(name, tags)) {
      if (meter instanceof Timer timer) {
        found.add(timer);
      }
    }
    return found;
  }

  private List<Meter> matching(String name, String... tags) {
    if (tags.length % 2 != 0) {
      throw new IllegalArgumentException("tags come in key, value pairs");
    }
    List<Meter> found = new ArrayList<>();
    for (Meter meter : registry.getMeters()) {
      if (meter.getId().getName().equals(name) && hasAll(meter, tags)) {
        found.add(meter);
      }
    }
    return found;
  }

  private static boolean hasAll(Meter meter, String... tags) {
    List<Tag> carried = meter.getId().getTags();
    for (int i = 0; i < tags.length; i += 2) {
      if (!carried.contains(Tag.of(tags[i], tags[i + 1]))) {
        return false;
      }
    }
    return true;
  }
}
