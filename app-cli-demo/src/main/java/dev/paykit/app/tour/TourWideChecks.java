package dev.paykit.app.tour;

import dev.paykit.app.shop.ShopOrders;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.PageCursor;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import dev.paykit.sandbox.LedgerSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After all flows: every payment in the store is what the provider says it is, none is stuck
 * without a provider answer, no key was charged twice, and no webhook ended in the dead letters;
 * the shop heard every outcome through the outbox, in order, and fulfilled every paid order once
 * and no other. Nothing lost, nothing doubled, across the whole run. Against another provider,
 * queued or unanswered creates are finished by the reconciler first, and webhooks on their way are
 * waited for (see {@link TourContext#settleAll()}).
 */
public final class TourWideChecks implements Flow {
  @Override
  public String name() {
    return "tour-wide";
  }

  @Override
  public String title() {
    return "the store and the provider agree on every payment";
  }

  @Override
  public String narration() {
    return "Once every webhook has landed, each payment the store holds is looked up at its own"
        + " provider; the sandbox's ledger is compared with the reference provider's payments,"
        + " the fake Stripe's records with the Stripe payments, and the inbox's dead letters are"
        + " counted. Once the outbox has handed every event to the shop, its orders"
        + " are compared with the payments.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return false;
  }

  @Override
  public void run(TourContext tour, Checks checks) {
    tour.settleAll();
    List<Payment> all = allPayments(tour);
    List<String> disagreeing = new ArrayList<>();
    List<String> stuck = new ArrayList<>();
    for (Payment payment : all) {
      if (payment.transactionId() == null) {
        stuck.add(payment.id() + " " + payment.state());
        continue;
      }
      ProviderAgreement agreement = tour.agreement(payment);
      if (!agreement.agrees()) {
        disagreeing.add(
            payment.id()
                + " "
                + agreement.stored().state()
                + " vs "
                + agreement.providerSays().orElse(null));
      }
    }
    checks.that(
        "every payment reached the provider",
        stuck.isEmpty(),
        stuck.isEmpty() ? all.size() + " payments" : stuck.toString());
    checks.that(
        "the store and the provider agree on each",
        disagreeing.isEmpty(),
        disagreeing.isEmpty() ? all.size() + " of " + all.size() : disagreeing.toString());
    if (tour.sandbox().isPresent()) {
      LedgerSnapshot ledger = tour.sandboxOnly().ledger();
      long twice =
          ledger.byIdempotencyKey().values().stream().filter(e -> e.payments() > 1).count();
      checks.that("no key was charged twice", twice == 0, twice + " keys with more than one");
      checks.equal(
          "the provider has exactly the store's payments",
          withTransaction(all, ProviderName.DEFAULT),
          ledger.paymentsCreated());
    }
    StripeLedger stripe = tour.stripe();
    long twiceAtStripe = stripe.paymentsByKey().values().stream().filter(n -> n > 1).count();
    checks.that(
        "no key was charged twice at Stripe",
        twiceAtStripe == 0,
        twiceAtStripe + " keys with more than one");
    checks.equal(
        "Stripe has exactly the store's payments for it",
        withTransaction(all, tour.stripeName()),
        (long) stripe.paymentsCreated());
    int dead = tour.inboxProcessing().deadLetters(100).size();
    checks.equal("no webhook in the dead letters", 0, dead);
    checkShop(tour, checks);
  }

  /** The store's payments at {@code provider} that it accepted (they have a transaction id). */
  private static long withTransaction(List<Payment> all, ProviderName provider) {
    return all.stream()
        .filter(p -> p.provider().equals(provider) && p.transactionId() != null)
        .count();
  }

  private static void checkShop(TourContext tour, Checks checks) {
    ShopOrders shop = tour.shop();
    tour.awaitOutboxDrained();
    Map<ExternalId, Integer> fulfilledFirst = shop.fulfilledOrders();
    Map<ExternalId, Boolean> paid = paidOrders(tour);
    OutboxBacklog backlog = tour.awaitOutboxDrained();
    checks.that(
        "the outbox handed every event to the shop",
        backlog.undelivered() == 0,
        backlog.undelivered() + " waiting, the oldest for " + backlog.oldestUndeliveredAge());
    checks.equal("no outbox event in the dead letters", 0, tour.outbox().deadLetters(100).size());
    List<String> wrong =
        ShopAgreement.mismatches(
            new ShopAgreement.Looks(
                fulfilledFirst, paid, shop.fulfilledOrders(), paidOrders(tour)));
    long paidOrders = paid.values().stream().filter(p -> p).count();
    checks.that(
        "every paid order was fulfilled once, no other",
        wrong.isEmpty(),
        wrong.isEmpty() ? paidOrders + " paid orders, each fulfilled once" : wrong.toString());
    List<PaymentId> disordered = shop.outOfOrder();
    checks.that(
        "the shop heard each payment's events in order",
        disordered.isEmpty(),
        disordered.isEmpty()
            ? "events of "
                + shop.payments()
                + " payments, "
                + shop.duplicates()
                + " redeliveries ignored"
            : disordered.toString());
  }

  /** Each order of the store's payments, and whether one of its payments has succeeded. */
  private static Map<ExternalId, Boolean> paidOrders(TourContext tour) {
    Map<ExternalId, Boolean> paid = new LinkedHashMap<>();
    for (Payment payment : allPayments(tour)) {
      paid.merge(
          payment.externalId(), payment.state() == PaymentState.SUCCEEDED, Boolean::logicalOr);
    }
    return paid;
  }

  private static List<Payment> allPayments(TourContext tour) {
    List<Payment> all = new ArrayList<>();
    PaymentQuery query = PaymentQuery.all().withLimit(PaymentQuery.MAX_LIMIT);
    while (true) {
      PaymentPage page = tour.payments().list(query);
      all.addAll(page.items());
      Optional<PageCursor> next = page.nextCursor();
      if (next.isEmpty()) {
        return all;
      }
      query = query.after(next.get());
    }
  }
}
