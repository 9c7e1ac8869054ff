package dev.paykit.transport;

import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event it is given, for a test to look at by type. */
public final class RecordingObserver implements PaykitObserver {
  private final List<PaykitEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void on(PaykitEvent event) {
    events.add(event);
  }

  public <E extends PaykitEvent> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
