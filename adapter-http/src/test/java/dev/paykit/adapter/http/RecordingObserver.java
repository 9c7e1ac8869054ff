package dev.paykit.adapter.http;

import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

final class RecordingObserver implements PaykitObserver {
  private final List<PaykitEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void on(PaykitEvent event) {
    events.add(event);
  }

  <E extends PaykitEvent> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
