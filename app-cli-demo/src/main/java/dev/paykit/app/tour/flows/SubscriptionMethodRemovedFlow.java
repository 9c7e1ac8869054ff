package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionState;
import java.util.List;

/** The customer removed the saved card: the renewal needs them, and they come back. */
public final class SubscriptionMethodRemovedFlow implements Flow {
  @Override
  public String name() {
    return "subscription-method-removed";
  }

  @Override
  public String title() {
    return "a renewal on a card the customer removed";
  }

  @Override
  public String narration() {
    return "The customer removes the saved card at the provider. The renewal is declined with"
        + " payment_method_removed: no off-session retry can work, so the shop is told to bring"
        + " the customer back, who pays the open month on-session with a new card.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    Subscription s = SubscriptionTour.signUp(tour, name());
    tour.sandboxOnly().removePaymentMethod(s.method().orElseThrow().value());
    tour.say().step("The customer removed card " + s.method().orElseThrow() + " at the provider.");
    Subscription declined = SubscriptionTour.renew(tour, s);
    tour.say()
        .step(
            "The renewal was declined, the card is gone: "
                + declined.state()
                + ", customer action required: "
                + declined.customerActionRequired()
                + ".");
    Subscription back = SubscriptionTour.comeBack(tour, declined, "new-card");
    SubscriptionTour.awaitHeard(tour, s, "subscription.renewed");
    List<String> heard = SubscriptionTour.heard(tour, s);
    SubscriptionTour.timeline(tour, back);

    checks.equal("the decline needed the customer", true, declined.customerActionRequired());
    checks.equal(
        "the off-session charge was made once", 1, SubscriptionTour.charged(tour, s, 2, 1));
    checks.equal("active again on the new card", SubscriptionState.ACTIVE, back.state());
    checks.that(
        "the shop was told to bring the customer back",
        heard.contains("subscription.action_required"),
        heard.toString());
  }
}
