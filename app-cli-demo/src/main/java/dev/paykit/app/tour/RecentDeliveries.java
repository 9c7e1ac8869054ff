package dev.paykit.app.tour;

import dev.paykit.inbound.webhook.WebhookDelivery;
import dev.paykit.inbound.webhook.WebhookListener;
import dev.paykit.port.in.WebhookReceipt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last deliveries the webhook receiver answered, kept in memory so that a flow can see what
 * arrived, in which order, and replay a captured one byte for byte.
 */
public final class RecentDeliveries implements WebhookListener {
  private static final int KEPT = 500;

  private final Deque<WebhookDelivery> recent = new ArrayDeque<>();

  @Override
  public synchronized void onDelivery(WebhookDelivery delivery) {
    if (recent.size() == KEPT) {
      recent.removeFirst();
    }
    recent.addLast(delivery);
  }

  /** Every kept delivery of the event, oldest first. */
  public synchronized List<WebhookDelivery> ofEvent(String eventId) {
    List<WebhookDelivery> found = new ArrayList<>();
    for (WebhookDelivery delivery : recent) {
      if (delivery.eventId().equals(eventId)) {
        found.add(delivery);
      }
    }
    return found;
  }

  /**
   * The event ids of the kept deliveries with a {@code webhook-id} (the reference provider's) that
   * were taken into the inbox, in arrival order. Stripe names its events in the body only; the tour
   * reads those from the fake Stripe's records instead.
   */
  public synchronized List<String> acceptedEventIds() {
    List<String> accepted = new ArrayList<>();
    for (WebhookDelivery delivery : recent) {
      if (delivery.receipt() instanceof WebhookReceipt.Accepted
          && !delivery.eventId().isEmpty()
          && !accepted.contains(delivery.eventId())) {
        accepted.add(delivery.eventId());
      }
    }
    return accepted;
  }

  /** The event ids of the kept deliveries among {@code eventIds}, in the order they arrived. */
  public synchronized List<String> arrivalOrder(List<String> eventIds) {
    List<String> order = new ArrayList<>();
    for (WebhookDelivery delivery : recent) {
      if (eventIds.contains(delivery.eventId()) && !order.contains(delivery.eventId())) {
        order.add(delivery.eventId());
      }
    }
    return order;
  }
}
