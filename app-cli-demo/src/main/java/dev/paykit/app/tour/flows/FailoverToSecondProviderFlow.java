package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.sandbox.Fault;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The first provider is down; the payment goes to the second, and is charged once in total. */
public final class FailoverToSecondProviderFlow implements Flow {
  private final int attempts;

  /**
   * @param attempts the gateway's attempts, so that the outage outlasts every one of them
   */
  public FailoverToSecondProviderFlow(int attempts) {
    this.attempts = attempts;
  }

  @Override
  public String name() {
    return "failover-to-second-provider";
  }

  @Override
  public String title() {
    return "the first provider is down: the payment goes to the second";
  }

  @Override
  public String narration() {
    return "The reference provider answers 503 to every attempt, before doing anything. For"
        + " euros the shop's rule names Stripe as the backup, and since the first provider"
        + " certainly did not act, Paykit records the move (a history entry says why) and"
        + " creates the payment at Stripe with the same idempotency key. The customer pays"
        + " there, and Stripe's webhook comes to /webhooks/stripe. One charge in total: none at"
        + " the reference provider, one at Stripe. A timeout would never move a payment, since"
        + " the first provider might have charged.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    tour.sandboxOnly().faults().inject(Fault.error("POST /v1/payments", 503).times(attempts));
    ExternalId order = tour.order(name());
    IdempotencyKey key = tour.key(order, "attempt-1");
    CreatePaymentResult created =
        tour.create().create(new CreatePaymentCommand(key, tour.request(order)));
    Payment started = created.payment();
    tour.say()
        .step(
            "Every attempt at the reference provider got 503; the create answered "
                + created.getClass().getSimpleName()
                + ": "
                + started.id()
                + " is "
                + started.state()
                + " at "
                + started.provider()
                + (started.transactionId() == null ? "" : " as " + started.transactionId())
                + ".");
    Optional<HistoryEntry> move = tour.failoverOf(started);
    move.ifPresent(e -> tour.say().step("The history says: " + e.detail()));

    if (started.checkoutUrl() != null) {
      URI back = tour.customer().pay(started.checkoutUrl());
      tour.say().step("The customer presses Pay at Stripe's page; it sends them to " + back);
    }
    Payment paid = tour.settle(tour.awaitState(started, PaymentState.SUCCEEDED));
    tour.timeline(paid);

    checks.that(
        "the create started the payment",
        created instanceof CreatePaymentResult.Started,
        created.getClass().getSimpleName());
    checks.equal("the payment records provider stripe", tour.stripeName(), paid.provider());
    checks.that(
        "the history records the switch to stripe, and why",
        move.isPresent()
            && move.get().detail().startsWith(ProviderName.DEFAULT + " did not act")
            && move.get().detail().endsWith("sent to " + tour.stripeName() + " instead"),
        move.map(HistoryEntry::detail).orElse("no such entry"));
    checks.equal(
        "the reference provider created nothing for the key",
        0,
        tour.sandboxOnly().ledger().paymentsFor(key.value()));
    checks.equal(
        "Stripe created it with the same idempotency key",
        1,
        tour.stripe().paymentsFor(key.value()));
    List<String> atStripe =
        tour.stripe().eventsAbout(paid.transactionId().value()).stream()
            .map(e -> e.id())
            .filter(id -> tour.processed(tour.stripeName(), id))
            .toList();
    checks.that(
        "its webhooks came to /webhooks/stripe and were applied",
        !atStripe.isEmpty()
            && atStripe.stream()
                .noneMatch(
                    id -> tour.inbox().find(ProviderName.DEFAULT, new EventId(id)).isPresent()),
        atStripe.size() + " Stripe events in the inbox under " + tour.stripeName());
    tour.checkEnd(checks, paid, PaymentState.SUCCEEDED);
  }
}
