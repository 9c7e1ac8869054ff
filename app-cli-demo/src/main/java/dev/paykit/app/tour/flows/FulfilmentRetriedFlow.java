package dev.paykit.app.tour.flows;

import dev.paykit.app.shop.ShopOrders;
import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.port.shared.OutboxDelivery;
import java.util.List;
import java.util.Optional;

/**
 * The shop's own code fails: its handler throws on the first two deliveries of the payment's
 * success, and the outbox delivers the same event again after a backoff, until the third delivery
 * fulfils the order, once.
 */
public final class FulfilmentRetriedFlow implements Flow {
  private static final int OUTAGES = 2;

  @Override
  public String name() {
    return "fulfilment-retried";
  }

  @Override
  public String title() {
    return "the shop's handler fails twice; the order is fulfilled on the third delivery";
  }

  @Override
  public String narration() {
    return "Paykit writes every outcome the shop must act on to an outbox, in the same"
        + " transaction as the change, and a dispatcher hands each event to the shop's handler."
        + " Here the shop's warehouse system is down when the payment succeeds: the handler"
        + " throws twice, and each time the outbox schedules the same event again, with"
        + " exponential backoff and jitter. The third delivery fulfils the order. Delivery is at"
        + " least once, so the shop de-duplicates by the event's id in the same step as the"
        + " fulfilment.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    double retriedBefore = tour.metrics().count("paykit.outbox.retried");
    ExternalId order = tour.order(name());
    tour.shop().failNextFulfilments(order, OUTAGES);
    tour.say()
        .step(
            "The shop's warehouse system will fail the next "
                + OUTAGES
                + " attempts to fulfil order "
                + order
                + ".");
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    tour.customer().pay(started.checkoutUrl());
    tour.say().step("The customer pays; the confirmed webhook makes the payment SUCCEEDED.");

    Payment paid = tour.settle(tour.awaitState(started, PaymentState.SUCCEEDED));
    tour.awaitTrue("the shop to fulfil " + order, () -> tour.shop().fulfilments(order) > 0);
    tour.timeline(paid);
    List<ShopOrders.Delivery> succeeded =
        tour.shop().deliveries(paid.id()).stream()
            .filter(d -> d.event().type() == OutboxEventType.PAYMENT_SUCCEEDED)
            .toList();
    for (int i = 0; i < succeeded.size(); i++) {
      ShopOrders.Delivery delivery = succeeded.get(i);
      tour.say()
          .step(
              "Delivery "
                  + (i + 1)
                  + " of "
                  + delivery.event()
                  + ": "
                  + switch (delivery.result()) {
                    case FAILED -> "the warehouse is down, the handler throws; retried later.";
                    case HANDLED -> "the order is fulfilled.";
                    case DUPLICATE -> "already handled: the shop does nothing.";
                  });
    }

    checks.equal(
        "the handler threw twice, then took the event",
        List.of(ShopOrders.Result.FAILED, ShopOrders.Result.FAILED, ShopOrders.Result.HANDLED),
        succeeded.stream().map(ShopOrders.Delivery::result).toList());
    checks.equal(
        "every delivery carried the same event id",
        1L,
        succeeded.stream().map(d -> d.event().id()).distinct().count());
    Optional<OutboxDelivery> record =
        succeeded.isEmpty() ? Optional.empty() : tour.outboxDelivery(succeeded.get(0).event().id());
    checks.that(
        "the outbox kept it as delivered at the third attempt",
        record
            .map(r -> r.status() == OutboxDelivery.Status.DELIVERED && r.attempts() == 3)
            .orElse(false),
        record.map(r -> r.status() + " after " + r.attempts() + " attempts").orElse("not found"));
    checks.equal(
        "the two retries were counted",
        (long) OUTAGES,
        Math.round(tour.metrics().count("paykit.outbox.retried") - retriedBefore));
    List<OutboxEvent> heard = tour.shop().heard(paid.id());
    checks.equal(
        "the shop heard created, started, succeeded",
        List.of(
            OutboxEventType.PAYMENT_CREATED,
            OutboxEventType.PAYMENT_STARTED,
            OutboxEventType.PAYMENT_SUCCEEDED),
        heard.stream().map(OutboxEvent::type).toList());
    tour.checkEnd(checks, paid, PaymentState.SUCCEEDED);
  }
}
