package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.sandbox.Fault;
import dev.paykit.sandbox.WebhookDelivery;
import java.util.List;

/** The confirmation overtakes the in-progress event: the late one is recorded as stale. */
public final class OutOfOrderWebhooksFlow implements Flow {
  @Override
  public String name() {
    return "out-of-order-webhooks";
  }

  @Override
  public String title() {
    return "the confirmation arrives before the in-progress event";
  }

  @Override
  public String narration() {
    return "Events can overtake each other. The sandbox holds this payment's two events and"
        + " delivers them in reverse: confirmed first, then inprogress. Paykit applies the"
        + " confirmation and records the late inprogress report as stale: kept in the history,"
        + " never moving the payment backwards.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    tour.sandboxOnly()
        .faults()
        .inject(Fault.webhookReorder(2).forTransaction(started.transactionId().value()));
    tour.customer().pay(started.checkoutUrl());
    tour.say().step("The customer pays; the sandbox delivers the two events in reverse order.");

    tour.awaitState(started, PaymentState.SUCCEEDED);
    Payment paid = tour.settle(started);
    tour.timeline(paid);

    List<WebhookDelivery> sent = tour.webhooksOf(paid);
    List<String> published = sent.stream().map(WebhookDelivery::eventId).toList();
    List<String> arrived = tour.deliveries().arrivalOrder(published);
    checks.that(
        "the receiver got them in reverse order",
        published.size() == 2 && arrived.equals(List.of(published.get(1), published.get(0))),
        "published " + published + ", arrived " + arrived);
    HistoryEntry last = paid.latest();
    checks.that(
        "the late in-progress report is stale, not applied",
        last.reported() == PaymentState.IN_PROGRESS
            && last.outcome() == Outcome.STALE
            && last.source() == TransitionSource.WEBHOOK,
        last.reported() + " " + last.outcome() + " from " + last.source());
    tour.checkEnd(checks, paid, PaymentState.SUCCEEDED);
  }
}
