package dev.paykit.testkit.flows;

import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event it hears, for tests that assert what was reported. */
public final class RecordingObserver implements PaykitObserver {
  private final List<PaykitEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void on(PaykitEvent event) {
    events.add(event);
  }

  public List<PaykitEvent> events() {
    return List.copyOf(events);
  }

  public <T extends PaykitEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
