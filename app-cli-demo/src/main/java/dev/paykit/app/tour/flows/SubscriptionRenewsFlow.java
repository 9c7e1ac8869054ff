package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionState;
import java.util.List;

/** A sign-up through the checkout, then two renewals, each after its notice, each charged once. */
public final class SubscriptionRenewsFlow implements Flow {
  @Override
  public String name() {
    return "subscription-renews";
  }

  @Override
  public String title() {
    return "a subscription signed up at the checkout and renewed twice";
  }

  @Override
  public String narration() {
    return "The customer subscribes to a EUR 9.90 monthly plan: the first month is a normal"
        + " checkout that also saves the card, and Paykit keeps only the provider's id of it."
        + " The demo moves the shared clock a month at a time. Seven days before each renewal the"
        + " shop is sent a notice (amount, date, how to cancel) through the outbox; on the date"
        + " the scheduler charges the saved card off-session through the same idempotent create,"
        + " with a key derived from the subscription, the cycle and the attempt. The scheduler runs"
        + " several times at every date, as several instances would: each cycle is charged once.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    Subscription s = SubscriptionTour.signUp(tour, name());
    Subscription second = SubscriptionTour.renew(tour, s);
    SubscriptionTour.pass(tour);
    tour.say().step("Renewed: cycle " + second.cycle() + " paid, " + second.state() + ".");
    Subscription third = SubscriptionTour.renew(tour, second);
    SubscriptionTour.pass(tour);
    tour.say().step("Renewed again: cycle " + third.cycle() + " paid.");
    List<String> heard = SubscriptionTour.awaitHeard(tour, s, "subscription.renewed");
    tour.awaitTrue(
        "the shop to hear both renewals",
        () ->
            SubscriptionTour.heard(tour, s).stream().filter("subscription.renewed"::equals).count()
                == 2);
    heard = SubscriptionTour.heard(tour, s);
    SubscriptionTour.timeline(tour, third);

    checks.equal("the subscription is active", SubscriptionState.ACTIVE, third.state());
    checks.equal("three cycles are paid", 3L, third.cycle());
    checks.equal("cycle 2 was charged once", 1, SubscriptionTour.charged(tour, s, 2, 1));
    checks.equal("cycle 3 was charged once", 1, SubscriptionTour.charged(tour, s, 3, 1));
    checks.equal(
        "the shop heard: activated, then a notice before each renewal",
        List.of(
            "subscription.activated",
            "subscription.renewal_notice",
            "subscription.renewed",
            "subscription.renewal_notice",
            "subscription.renewed"),
        heard);
  }
}
