package dev.paykit.app.tour.flows;

import dev.paykit.app.tour.TourContext;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.subscription.BillingInterval;
import dev.paykit.domain.subscription.BillingUnit;
import dev.paykit.domain.subscription.Plan;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionHistoryEntry;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.SignUpCommand;
import dev.paykit.port.in.SubscriptionCheckout;
import dev.paykit.port.in.SubscriptionRunReport;
import dev.paykit.port.in.UpdatePaymentMethodCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the subscription flows share: a monthly plan of EUR 9.90, the customer's sign-up through the
 * sandbox's checkout, the scheduler run as the worker would run it, and jumps of the tour's clock
 * to the dates that matter.
 */
final class SubscriptionTour {
  static final Plan MONTHLY =
      Plan.of("Concert club", Money.of(990, "EUR"), BillingInterval.of(1, BillingUnit.MONTH));

  private SubscriptionTour() {}

  /** The customer signs up and pays the first month at the checkout, which saves the card. */
  static Subscription signUp(TourContext tour, String flow) throws Exception {
    ExternalId order = tour.order(flow);
    SubscriptionCheckout signUp =
        tour.subscriptions()
            .signUp(
                new SignUpCommand(
                    tour.key(order, "sign-up"),
                    new CustomerId("customer-" + order.value()),
                    MONTHLY,
                    tour.returnUrls(order)));
    tour.say()
        .step(
            "Signed up: subscription "
                + signUp.subscription().id()
                + " is PENDING; its checkout "
                + signUp.checkout().payment().id()
                + " charges the first month and saves the card.");
    payCheckout(tour, signUp.checkout());
    Subscription active =
        until(tour, signUp.subscription(), "the sign-up to activate it", s -> s.cycle() == 1);
    tour.say()
        .step(
            "The scheduler saw the checkout paid and asked the provider for the saved method: "
                + active.state()
                + ", method "
                + active.method().orElseThrow()
                + " (its id only), next charge "
                + active.periodEnd().orElseThrow()
                + ".");
    return active;
  }

  /** The customer pays an on-session checkout in the sandbox's page. */
  static Payment payCheckout(TourContext tour, CreatePaymentResult checkout) throws Exception {
    Payment started = checkout.payment();
    tour.customer().pay(started.checkoutUrl());
    return tour.settle(tour.awaitState(started, PaymentState.SUCCEEDED));
  }

  /** The customer comes back to save a new card and pay what is open. */
  static Subscription comeBack(TourContext tour, Subscription s, String attempt) throws Exception {
    SubscriptionCheckout back =
        tour.subscriptions()
            .updatePaymentMethod(
                new UpdatePaymentMethodCommand(
                    s.id(),
                    IdempotencyKey.derive("tour", s.id().value(), attempt),
                    tour.returnUrls(new ExternalId(s.id().value()))));
    tour.say()
        .step(
            "The shop sent the customer to checkout "
                + back.checkout().payment().id()
                + " for the open EUR 9.90; it saves the new card.");
    payCheckout(tour, back.checkout());
    return until(
        tour, s, "the on-session payment to pay the open cycle", x -> x.cycle() > s.cycle());
  }

  /** One pass of the scheduler, a couple of minutes after the last, as the worker runs it. */
  static SubscriptionRunReport pass(TourContext tour) {
    tour.settleAll();
    tour.clock().advance(Duration.ofMinutes(2));
    SubscriptionRunReport report = tour.subscriptionScheduler().runOnce();
    tour.settleAll();
    return report;
  }

  /** Runs the scheduler until {@code s} satisfies {@code until}, a few passes at most. */
  static Subscription until(
      TourContext tour, Subscription s, String what, Predicate<Subscription> until) {
    for (int i = 0; i < 5; i++) {
      Subscription now = find(tour, s);
      if (until.test(now)) {
        return now;
      }
      pass(tour);
    }
    Subscription last = find(tour, s);
    if (!until.test(last)) {
      throw new IllegalStateException(
          "waited in vain for " + what + ": " + s.id() + " is " + last.state());
    }
    return last;
  }

  /** Moves the tour's clock to {@code at} (and a minute past it) and runs the scheduler. */
  static Subscription jumpTo(TourContext tour, Subscription s, Instant at, String why) {
    Duration by = Duration.between(tour.clock().instant(), at).plusMinutes(1);
    if (!by.isNegative()) {
      tour.jump(Duration.ofHours(Math.max(1, (by.toMinutes() + 59) / 60)), why);
    }
    pass(tour);
    return find(tour, s);
  }

  /** To the renewal notice of the open cycle, and then to the charge. */
  static Subscription renew(TourContext tour, Subscription s) {
    Subscription noticed =
        jumpTo(tour, s, s.noticeDueAt().orElseThrow(), "to the renewal notice, 7 days ahead");
    tour.say()
        .step(
            "The renewal notice for cycle "
                + noticed.openCycle()
                + " went to the outbox: EUR 9.90 on "
                + noticed.periodEnd().orElseThrow()
                + ", cancel before then to stop it.");
    return jumpTo(tour, noticed, noticed.periodEnd().orElseThrow(), "to the renewal date");
  }

  static Subscription find(TourContext tour, Subscription s) {
    return tour.subscriptions().find(s.id()).orElseThrow();
  }

  /** What the shop heard of {@code s} from the outbox, in order. */
  static List<String> heard(TourContext tour, Subscription s) {
    return tour.shop().heard(s.signUpPayment()).stream()
        .map(OutboxEvent::type)
        .map(t -> t.wireName())
        .filter(name -> name.startsWith("subscription."))
        .toList();
  }

  /** Waits for the shop to have heard {@code type} of {@code s}. */
  static List<String> awaitHeard(TourContext tour, Subscription s, String type) {
    tour.awaitTrue("the shop to hear " + type, () -> heard(tour, s).contains(type));
    return heard(tour, s);
  }

  /** How many payments the sandbox created with the renewal key of this cycle and attempt. */
  static int charged(TourContext tour, Subscription s, long cycle, int attempt) {
    return tour.sandboxOnly()
        .ledger()
        .paymentsFor(Subscription.renewalKey(s.id(), cycle, attempt).value());
  }

  static void timeline(TourContext tour, Subscription s) {
    for (SubscriptionHistoryEntry entry : tour.subscriptions().timeline(s.id())) {
      tour.say()
          .step(
              "  #"
                  + entry.sequence()
                  + " "
                  + entry.event()
                  + " "
                  + (entry.from() == null ? "" : entry.from() + " -> ")
                  + entry.to()
                  + " ("
                  + entry.outcome()
                  + ", cycle "
                  + entry.cycle()
                  + ")");
    }
  }
}
