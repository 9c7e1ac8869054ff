package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionState;
import dev.paykit.port.in.Subscriptions;
import java.time.Duration;
import java.util.List;

/** Cancelled at the end of the period: no notice, no charge, and it ends on the date. */
public final class SubscriptionCancelFlow implements Flow {
  @Override
  public String name() {
    return "subscription-cancel";
  }

  @Override
  public String title() {
    return "a subscription cancelled at the end of its period";
  }

  @Override
  public String narration() {
    return "Two weeks into the month the customer cancels at the end of the period. The month"
        + " paid for runs on; no renewal notice comes and nothing is charged. On the renewal date"
        + " the subscription ENDS, and the shop is told.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    Subscription s = SubscriptionTour.signUp(tour, name());
    tour.jump(Duration.ofDays(14), "two weeks into the month");
    Subscription cancelled =
        tour.subscriptions().cancel(s.id(), Subscriptions.CancelMode.AT_PERIOD_END);
    tour.say()
        .step(
            "Cancelled at period end: still "
                + cancelled.state()
                + " until "
                + cancelled.periodEnd().orElseThrow()
                + ".");
    Subscription ended =
        SubscriptionTour.jumpTo(
            tour, cancelled, cancelled.periodEnd().orElseThrow(), "to the end of the period");
    ended =
        SubscriptionTour.until(tour, ended, "the end", x -> x.state() == SubscriptionState.ENDED);
    SubscriptionTour.jumpTo(
        tour, ended, ended.periodEnd().orElseThrow().plus(Duration.ofDays(3)), "three days on");
    SubscriptionTour.awaitHeard(tour, s, "subscription.ended");
    List<String> heard = SubscriptionTour.heard(tour, s);
    SubscriptionTour.timeline(tour, ended);

    checks.equal("it ended", SubscriptionState.ENDED, SubscriptionTour.find(tour, s).state());
    checks.equal(
        "nothing was charged after the cancellation", 0, SubscriptionTour.charged(tour, s, 2, 1));
    checks.equal(
        "the shop heard it activated and ended, and no notice",
        List.of("subscription.activated", "subscription.ended"),
        heard);
  }
}
