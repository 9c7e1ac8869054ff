package dev.paykit.core.flows;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.out.PaymentEventHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop's handler as a test sees it: keeps every event handed over to it, in the order they
 * came, and throws for the next {@link #failNext} hand-overs (they are kept too, as attempts).
 * Published in this module's test jar with the flows contract that uses it. Safe for use from many
 * threads.
 */
public final class RecordingEventHandler implements PaymentEventHandler {
  /** Thrown by a hand-over the test made fail: its message is what must never be stored. */
  public static final class ShopDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ShopDown(String message) {
      super(message);
    }
  }

  /** What the message of {@link ShopDown} says: nothing a store or a log may quote. */
  public static final String SECRET_MESSAGE = "db password hunter2 rejected for shop_orders";

  private final List<OutboxEvent> handled = new CopyOnWriteArrayList<>();
  private final List<OutboxEvent> attempts = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  @Override
  public void handle(OutboxEvent event) {
    attempts.add(event);
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new ShopDown(SECRET_MESSAGE);
    }
    handled.add(event);
  }

  /** The next {@code times} hand-overs throw {@link ShopDown}. */
  public void failNext(int times) {
    failuresLeft.set(times);
  }

  /** Every event the handler returned for, in the order it did. */
  public List<OutboxEvent> handled() {
    return List.copyOf(handled);
  }

  /** Every hand-over, the failed ones included. */
  public List<OutboxEvent> attempts() {
    return List.copyOf(attempts);
  }

  /** The events of {@code payment} the handler returned for, as their wire names, in order. */
  public List<String> typesOf(PaymentId payment) {
    return handled.stream()
        .filter(e -> e.paymentId().equals(payment))
        .map(e -> e.type().wireName())
        .toList();
  }
}
