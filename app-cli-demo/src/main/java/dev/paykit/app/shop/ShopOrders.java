package dev.paykit.app.shop;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.out.PaymentEventHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The demo shop's back office: it learns every outcome from Paykit's outbox and fulfils an order
 * (ships the tickets) when its payment succeeded. The outbox delivers at least once, so the shop
 * de-duplicates by event id, and it does so in the same atomic step as the fulfilment: here one
 * lock over the shop's records, which live in memory; a shop with a database does both in one
 * transaction ({@code INSERT ... ON CONFLICT DO NOTHING} on a table of handled event ids, then the
 * fulfilment, as the README shows). Recording the id in a step of its own would lose the order if
 * the process died between the two, or fulfil it twice if the order were the other way round.
 *
 * <p>Every call is kept, handled or not, so that the tour can show and check what reached the shop.
 * Thread-safe: the outbox's dispatcher calls it while the tour reads it.
 */
public final class ShopOrders implements PaymentEventHandler {

  /** What the shop did with one call of its handler. */
  public enum Result {
    /** The first delivery of the event: the shop acted on it. */
    HANDLED,
    /** The event came again: its id was handled before, so nothing was done. */
    DUPLICATE,
    /** The shop's own system was down: the handler threw, and the outbox brings the event again. */
    FAILED
  }

  /** One call of the handler: which event came, and what the shop did with it. */
  public record Delivery(OutboxEvent event, Result result) {
    public Delivery {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(result, "result");
    }
  }

  /** Thrown while the shop's warehouse system is down; the outbox tries again later. */
  public static final class WarehouseUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    WarehouseUnavailableException() {
      super("the warehouse system did not answer");
    }
  }

  private final Set<OutboxEventId> handled = new HashSet<>();
  private final Map<ExternalId, List<PaymentId>> fulfilments = new LinkedHashMap<>();
  private final Map<PaymentId, List<OutboxEvent>> heard = new LinkedHashMap<>();
  private final List<Delivery> deliveries = new ArrayList<>();
  private final Map<ExternalId, Integer> warehouseDown = new HashMap<>();

  @Override
  public synchronized void handle(OutboxEvent event) throws WarehouseUnavailableException {
    Objects.requireNonNull(event, "event");
    if (handled.contains(event.id())) {
      deliveries.add(new Delivery(event, Result.DUPLICATE));
      return;
    }
    boolean fulfil = event.type() == OutboxEventType.PAYMENT_SUCCEEDED;
    int outages = warehouseDown.getOrDefault(event.externalId(), 0);
    if (fulfil && outages > 0) {
      // The id is not recorded as handled: the next delivery of the event acts on it.
      warehouseDown.put(event.externalId(), outages - 1);
      deliveries.add(new Delivery(event, Result.FAILED));
      throw new WarehouseUnavailableException();
    }
    handled.add(event.id());
    if (fulfil) {
      fulfilments
          .computeIfAbsent(event.externalId(), order -> new ArrayList<>())
          .add(event.paymentId());
    }
    heard.computeIfAbsent(event.paymentId(), payment -> new ArrayList<>()).add(event);
    deliveries.add(new Delivery(event, Result.HANDLED));
  }

  /** The shop's warehouse fails the next {@code times} fulfilments of {@code order}. */
  public synchronized void failNextFulfilments(ExternalId order, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    warehouseDown.put(Objects.requireNonNull(order, "order"), times);
  }

  /** How often the order was fulfilled: once when it was paid, never otherwise. */
  public synchronized int fulfilments(ExternalId order) {
    return fulfilments.getOrDefault(order, List.of()).size();
  }

  /** Whether the shop fulfilled an order from this payment's success. */
  public synchronized boolean fulfilled(PaymentId payment) {
    return fulfilments.values().stream().anyMatch(payments -> payments.contains(payment));
  }

  /** Every order fulfilled at least once, with how often. */
  public synchronized Map<ExternalId, Integer> fulfilledOrders() {
    Map<ExternalId, Integer> counts = new LinkedHashMap<>();
    fulfilments.forEach((order, payments) -> counts.put(order, payments.size()));
    return counts;
  }

  /** The payment's events the shop acted on, in the order it got them. */
  public synchronized List<OutboxEvent> heard(PaymentId payment) {
    return List.copyOf(heard.getOrDefault(payment, List.of()));
  }

  /** Every call of the handler about the payment, duplicates and failures included, in order. */
  public synchronized List<Delivery> deliveries(PaymentId payment) {
    return deliveries.stream().filter(d -> d.event().paymentId().equals(payment)).toList();
  }

  /** How many calls of the handler were redeliveries of an event already handled. */
  public synchronized long duplicates() {
    return deliveries.stream().filter(d -> d.result() == Result.DUPLICATE).count();
  }

  /**
   * The payments whose events the shop did not get in their order: what it acted on must be
   * numbered 1, 2, 3, ... with no number missing or repeated.
   */
  public synchronized List<PaymentId> outOfOrder() {
    List<PaymentId> found = new ArrayList<>();
    heard.forEach(
        (payment, events) -> {
          if (!inSequence(events)) {
            found.add(payment);
          }
        });
    return found;
  }

  /** Whether one payment's events are numbered 1, 2, 3, ... in the order given. */
  public static boolean inSequence(List<OutboxEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).sequence() != i + 1) {
        return false;
      }
    }
    return true;
  }

  /** How many payments the shop heard of. */
  public synchronized int payments() {
    return heard.size();
  }
}
