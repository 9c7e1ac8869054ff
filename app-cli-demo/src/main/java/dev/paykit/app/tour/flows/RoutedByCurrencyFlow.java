package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.domain.webhook.EventId;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Two providers: the shop's rule sends euros to the reference provider and dollars to Stripe. */
public final class RoutedByCurrencyFlow implements Flow {
  @Override
  public String name() {
    return "routed-by-currency";
  }

  @Override
  public String title() {
    return "euros to one provider, dollars to the other";
  }

  @Override
  public String narration() {
    return "The shop uses two providers: the reference one and Stripe (here the project's fake"
        + " Stripe, driven by the real Stripe gateway). Its routing rule picks by currency: a"
        + " euro order goes to the reference provider, a dollar order to Stripe. Each payment"
        + " records its provider; the customer pays at that provider's checkout, and its webhook"
        + " comes to that provider's own endpoint (/webhooks, /webhooks/stripe), verified with"
        + " that provider's secret.";
  }

  /**
   * The euro payment's webhooks must reach this machine and its charge is read from the sandbox's
   * ledger; an outside provider promises neither.
   */
  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId euroOrder = tour.order(name() + "-eur");
    IdempotencyKey euroKey = tour.key(euroOrder, "attempt-1");
    Payment euros = tour.startPayment(euroOrder, euroKey);
    ExternalId dollarOrder = tour.order(name() + "-usd");
    IdempotencyKey dollarKey = tour.key(dollarOrder, "attempt-1");
    Payment dollars =
        tour.startPayment(
            tour.request(dollarOrder, Money.of(2400, "USD"), Duration.ofHours(1)), dollarKey);

    pay(tour, "euro", euros);
    pay(tour, "dollar", dollars);

    Payment eurosPaid = tour.settle(tour.awaitState(euros, PaymentState.SUCCEEDED));
    Payment dollarsPaid = tour.settle(tour.awaitState(dollars, PaymentState.SUCCEEDED));
    tour.timeline(eurosPaid);
    tour.timeline(dollarsPaid);

    checks.equal(
        "the euro payment records provider default", ProviderName.DEFAULT, eurosPaid.provider());
    checks.equal(
        "the dollar payment records provider stripe", tour.stripeName(), dollarsPaid.provider());
    checks.equal(
        "Stripe created nothing for the euro payment's key",
        0,
        tour.stripe().paymentsFor(euroKey.value()));
    checks.equal(
        "the reference provider created nothing for the dollar payment's key",
        0,
        tour.sandboxOnly().ledger().paymentsFor(dollarKey.value()));
    checkWebhooksOnOwnPath(tour, checks, "euro", eurosPaid, tour.stripeName());
    checkWebhooksOnOwnPath(tour, checks, "dollar", dollarsPaid, ProviderName.DEFAULT);
    tour.checkEnd(checks, eurosPaid, PaymentState.SUCCEEDED);
    tour.checkEnd(checks, dollarsPaid, PaymentState.SUCCEEDED);
  }

  private static void pay(TourContext tour, String which, Payment payment) throws Exception {
    URI back = tour.customer().pay(payment.checkoutUrl());
    tour.say()
        .step(
            "The "
                + which
                + " customer presses Pay at "
                + (tour.atStripe(payment) ? "Stripe" : "the reference provider")
                + "'s checkout; it sends them back to "
                + back);
  }

  /**
   * The webhooks that moved the payment are in the inbox under its own provider's name, which the
   * receiver gives only to what came to that provider's path, and none under the other's.
   */
  private static void checkWebhooksOnOwnPath(
      TourContext tour, Checks checks, String which, Payment payment, ProviderName other) {
    List<String> eventIds =
        tour.history(payment).stream()
            .filter(e -> e.source() == TransitionSource.WEBHOOK)
            .map(HistoryEntry::eventId)
            .toList();
    long own = eventIds.stream().filter(id -> tour.processed(payment.provider(), id)).count();
    long elsewhere =
        eventIds.stream()
            .filter(id -> tour.inbox().find(other, new EventId(id)).isPresent())
            .count();
    checks.that(
        "the " + which + " payment's webhooks came to its provider's path and were applied",
        !eventIds.isEmpty() && own == eventIds.size() && elsewhere == 0,
        own
            + " of "
            + eventIds.size()
            + " applied under "
            + payment.provider()
            + ", "
            + elsewhere
            + " under "
            + other);
  }
}
