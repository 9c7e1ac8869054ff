package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionSource;
import java.time.Duration;

/** Nobody pays in time: the provider expires the payment and says so. */
public final class ExpiryFlow implements Flow {
  @Override
  public String name() {
    return "expiry";
  }

  @Override
  public String title() {
    return "the checkout expires unpaid";
  }

  @Override
  public String narration() {
    return "The payment is created with the shortest expiry Paykit allows, one minute. Rather than"
        + " wait a minute, the demo moves the clock the sandbox and Paykit share 61 seconds"
        + " forward; the sandbox's expiry sweep notices, as it would in real time, and sends the"
        + " expired webhook. Paykit's own timers never end a payment: only the provider's word"
        + " does.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return true;
  }

  @Override
  public void run(TourContext tour, Checks checks) {
    ExternalId order = tour.order(name());
    PaymentRequest request = tour.request(order, Money.of(1050, "EUR"), Duration.ofMinutes(1));
    Payment started = tour.startPayment(request, tour.key(order, "attempt-1"));
    tour.jump(Duration.ofSeconds(61), "past the checkout's expiry time.");

    Payment expired = tour.settle(tour.awaitState(started, PaymentState.EXPIRED));
    tour.timeline(expired);

    tour.checkEnd(checks, expired, PaymentState.EXPIRED);
    checks.equal(
        "the expiry came from the provider's webhook",
        TransitionSource.WEBHOOK,
        tour.lastApplied(expired).map(e -> e.source()).orElse(null));
  }
}
