package dev.paykit.app.tour;

import dev.paykit.domain.payment.Payment;
import dev.paykit.port.shared.PageCursor;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import dev.paykit.sandbox.LedgerSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * After all flows: every payment in the store is what the provider says it is, none is stuck
 * without a provider answer, no key was charged twice, and no webhook ended in the dead letters.
 * Nothing lost, nothing doubled, across the whole run. Against another provider, queued or
 * unanswered creates are finished by the reconciler first, and webhooks on their way are waited for
 * (see {@link TourContext#settleAll()}).
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
    return "Once every webhook has landed, each payment the store holds is looked up at the"
        + " provider; the sandbox's ledger is compared with the store, and the inbox's dead"
        + " letters are counted.";
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
      long withTransaction = all.stream().filter(p -> p.transactionId() != null).count();
      checks.equal(
          "the provider has exactly the store's payments",
          withTransaction,
          ledger.paymentsCreated());
    }
    int dead = tour.inboxProcessing().deadLetters(100).size();
    checks.equal("no webhook in the dead letters", 0, dead);
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
