package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionState;
import java.time.Duration;
import java.util.List;

/** The bank wants the customer present: no off-session retry; the customer comes back. */
public final class SubscriptionAuthenticationFlow implements Flow {
  @Override
  public String name() {
    return "subscription-authentication";
  }

  @Override
  public String title() {
    return "a renewal that needs the customer, who comes back on-session";
  }

  @Override
  public String narration() {
    return "The bank answers the renewal with authentication_required: it wants the customer"
        + " present. Retrying off-session cannot help, so dunning does not: the shop is told to"
        + " bring the customer back. The customer opens an on-session checkout of the open"
        + " EUR 9.90, authenticates, pays, and the new card is saved: the subscription is ACTIVE"
        + " again and renews on that card.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    Subscription s = SubscriptionTour.signUp(tour, name());
    tour.sandboxOnly()
        .nextOffSessionOutcome(s.method().orElseThrow().value(), "authentication_required", 1);
    Subscription waiting = SubscriptionTour.renew(tour, s);
    tour.say()
        .step(
            "The bank wants the customer: "
                + waiting.state()
                + ", customer action required: "
                + waiting.customerActionRequired()
                + ".");
    Subscription later =
        SubscriptionTour.jumpTo(
            tour,
            waiting,
            waiting.periodEnd().orElseThrow().plus(Duration.ofDays(2)),
            "past the first dunning date");
    Subscription back = SubscriptionTour.comeBack(tour, later, "back-1");
    tour.say()
        .step(
            "The customer paid on-session: "
                + back.state()
                + ", new card "
                + back.method().orElseThrow()
                + ".");
    SubscriptionTour.awaitHeard(tour, s, "subscription.renewed");
    List<String> heard = SubscriptionTour.heard(tour, s);
    SubscriptionTour.timeline(tour, back);

    checks.equal("the renewal needed the customer", true, waiting.customerActionRequired());
    checks.equal("no off-session retry was made", 0, SubscriptionTour.charged(tour, s, 2, 2));
    checks.equal("the customer's payment made it active", SubscriptionState.ACTIVE, back.state());
    checks.equal("cycle 2 is paid", 2L, back.cycle());
    checks.that(
        "the new card replaced the old one",
        !back.method().equals(s.method()),
        s.method().orElseThrow() + " -> " + back.method().orElseThrow());
    checks.that(
        "the shop was told to bring the customer back, then of the renewal",
        heard.indexOf("subscription.action_required") >= 0
            && heard.lastIndexOf("subscription.renewed")
                > heard.indexOf("subscription.action_required"),
        heard.toString());
  }
}
