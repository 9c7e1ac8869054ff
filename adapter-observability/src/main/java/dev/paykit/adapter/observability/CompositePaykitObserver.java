package dev.paykit.adapter.observability;

import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import java.util.List;

/**
 * Tells every observer, in order. One observer that throws does not keep the others from hearing,
 * nor the payment flow from going on: observation must never change what happens to money.
 */
public final class CompositePaykitObserver implements PaykitObserver {
  private final List<PaykitObserver> observers;

  public CompositePaykitObserver(List<PaykitObserver> observers) {
    this.observers = List.copyOf(observers);
  }

  @Override
  public void on(PaykitEvent event) {
    for (PaykitObserver observer : observers) {
      try {
        observer.on(event);
      } catch (RuntimeException ignored) {
        // Deliberately swallowed: see the class comment.
      }
    }
  }
}
