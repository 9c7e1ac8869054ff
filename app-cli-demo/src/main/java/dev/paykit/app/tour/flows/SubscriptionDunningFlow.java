package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A renewal declined twice and recovered by dunning's second retry. */
public final class SubscriptionDunningFlow implements Flow {
  @Override
  public String name() {
    return "subscription-dunning";
  }

  @Override
  public String title() {
    return "a declined renewal recovered on the second dunning retry";
  }

  @Override
  public String narration() {
    return "The bank declines the renewal (insufficient funds), and declines the first retry a day"
        + " later too. Each failure makes the subscription PAST_DUE and tells the shop, with the"
        + " next retry's date, to ask the customer to update the card. The second retry, three"
        + " days after the due date, goes through: the subscription is ACTIVE again. Every attempt"
        + " had its own key, derived from the cycle and the attempt, and was charged once.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    Subscription s = SubscriptionTour.signUp(tour, name());
    tour.sandboxOnly()
        .nextOffSessionOutcome(s.method().orElseThrow().value(), "insufficient_funds", 2);
    tour.say().step("The sandbox will decline the next two charges of the card.");
    Subscription declined = SubscriptionTour.renew(tour, s);
    tour.say()
        .step(
            "The renewal was declined: "
                + declined.state()
                + ", next retry "
                + declined.nextChargeAt().orElseThrow()
                + ".");
    Instant due = declined.periodEnd().orElseThrow();
    Subscription again =
        SubscriptionTour.jumpTo(tour, declined, due.plus(Duration.ofDays(1)), "to the first retry");
    tour.say().step("The first retry was declined too: " + again.state() + ".");
    Subscription recovered =
        SubscriptionTour.jumpTo(tour, again, due.plus(Duration.ofDays(3)), "to the second retry");
    SubscriptionTour.pass(tour);
    recovered = SubscriptionTour.find(tour, recovered);
    tour.say().step("The second retry went through: " + recovered.state() + ".");
    SubscriptionTour.awaitHeard(tour, s, "subscription.renewed");
    List<String> heard = SubscriptionTour.heard(tour, s);
    SubscriptionTour.timeline(tour, recovered);

    checks.equal(
        "after the first decline it is past due", SubscriptionState.PAST_DUE, declined.state());
    checks.equal("recovered: active again", SubscriptionState.ACTIVE, recovered.state());
    checks.equal("cycle 2 is paid", 2L, recovered.cycle());
    checks.that(
        "each of the three attempts was charged once",
        SubscriptionTour.charged(tour, s, 2, 1) == 1
            && SubscriptionTour.charged(tour, s, 2, 2) == 1
            && SubscriptionTour.charged(tour, s, 2, 3) == 1,
        SubscriptionTour.charged(tour, s, 2, 1)
            + ", "
            + SubscriptionTour.charged(tour, s, 2, 2)
            + ", "
            + SubscriptionTour.charged(tour, s, 2, 3));
    checks.that(
        "the shop heard two failures, then the renewal",
        heard.stream().filter("subscription.payment_failed"::equals).count() == 2
            && heard.lastIndexOf("subscription.renewed")
                > heard.lastIndexOf("subscription.payment_failed"),
        heard.toString());
  }
}
