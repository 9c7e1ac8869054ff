package dev.paykit.bench.soak;

import dev.paykit.adapter.http.HttpProviderGateway;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.bench.harness.PaykitStores;
import dev.paykit.bench.harness.SandboxAccess;
import dev.paykit.bench.soak.Invariants.Check;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.subscription.BillingInterval;
import dev.paykit.domain.subscription.BillingUnit;
import dev.paykit.domain.subscription.Plan;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionHistoryEntry;
import dev.paykit.domain.subscription.SubscriptionId;
import dev.paykit.domain.subscription.SubscriptionState;
import dev.paykit.port.in.SignUpCommand;
import dev.paykit.port.in.SubscriptionCheckout;
import dev.paykit.port.in.SubscriptionRunReport;
import dev.paykit.port.in.Subscriptions;
import dev.paykit.port.in.UpdatePaymentMethodCommand;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.sandbox.MutableClock;
import dev.paykit.sandbox.SandboxConfig;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.SimulatedOutcome;
import dev.paykit.service.PaykitCore;
import dev.paykit.transport.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The soak's subscriptions: customers sign up, and months pass on a clock of the soak's own while
 * several schedulers (one core each, as separate instances would be) race over one PostgreSQL
 * schema every day. Renewals are declined, need authentication, lose their card; customers cancel
 * and come back; each at random from the soak's seed. Then {@link SubscriptionInvariants} read the
 * timelines, the payments and the provider's ledger.
 */
final class SubscriptionSoak {
  private static final Plan MONTHLY =
      Plan.of("Soak club", Money.of(990, "EUR"), BillingInterval.of(1, BillingUnit.MONTH));
  private static final ReturnUrls URLS =
      ReturnUrls.of("https://shop.example/sub/return", "https://shop.example/sub/cancel");
  private static final int MAX_ATTEMPTS = 4;

  private final PostgresSchema schema;
  private final int subscriptions;
  private final int days;
  private final int schedulers;
  private final Random random;
  private final SoakStats stats;

  SubscriptionSoak(
      PostgresSchema schema,
      int subscriptions,
      int days,
      int schedulers,
      long seed,
      SoakStats stats) {
    this.schema = schema;
    this.subscriptions = subscriptions;
    this.days = days;
    this.schedulers = schedulers;
    this.random = new Random(seed);
    this.stats = stats;
  }

  List<Check> run() throws Exception {
    MutableClock clock = MutableClock.at(Instant.parse("2027-01-31T09:00:00Z"));
    try (SandboxProvider sandbox =
        SandboxProvider.start(SandboxConfig.builder().clock(clock).build())) {
      ProviderHttpSettings provider =
          SandboxAccess.settings(
              sandbox,
              Duration.ofSeconds(2),
              new RetryPolicy(
                  3, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(2)));
      List<PaykitStores> stores = new ArrayList<>();
      List<PaykitCore> cores = new ArrayList<>();
      for (int i = 0; i < schedulers; i++) {
        PaykitStores instance = PaykitStores.postgres(schema, 4);
        stores.add(instance);
        cores.add(
            PaykitCore.builder()
                .stores(instance)
                .provider(
                    HttpProviderGateway.create(provider, PaykitObserver.noop(), clock),
                    new StandardWebhookVerifier(provider.webhookSecrets(), clock),
                    new JacksonWebhookParser())
                .observer(stats)
                .clock(clock)
                .build());
      }
      ExecutorService pool = Executors.newFixedThreadPool(schedulers);
      try {
        PaykitCore shop = cores.get(0);
        List<SubscriptionId> ids = signUp(shop, sandbox);
        for (int day = 1; day <= days; day++) {
          clock.advance(Duration.ofDays(1));
          for (SubscriptionId id : ids) {
            act(shop, sandbox, id);
          }
          schedule(cores, pool);
          stats.count("subscriptions.days simulated");
        }
        stores
            .get(0)
            .subscriptions()
            .countByState()
            .forEach((state, n) -> stats.add("subscriptions.at the end " + state, n));
        return SubscriptionInvariants.check(data(shop, stores.get(0), sandbox, ids));
      } finally {
        pool.shutdownNow();
        stores.forEach(PaykitStores::close);
      }
    }
  }

  private List<SubscriptionId> signUp(PaykitCore shop, SandboxProvider sandbox) {
    List<SubscriptionId> ids = new ArrayList<>();
    for (int i = 0; i < subscriptions; i++) {
      SubscriptionCheckout signUp =
          shop.subscriptions()
              .signUp(
                  new SignUpCommand(
                      IdempotencyKey.derive("soak-subscription", Integer.toString(i)),
                      new CustomerId("soak-customer-" + i),
                      MONTHLY,
                      URLS));
      pay(shop, sandbox, signUp.checkout().payment());
      ids.add(signUp.subscription().id());
    }
    return ids;
  }

  /**
   * The customer pays a checkout, and the shop looks it up (the soak's sandbox sends no webhook).
   */
  private static void pay(PaykitCore shop, SandboxProvider sandbox, Payment checkout) {
    sandbox.simulate(checkout.transactionId().value(), SimulatedOutcome.CONFIRMED);
    shop.verify().verify(checkout.id());
  }

  /** What the customer or the bank does today, at random. */
  private void act(PaykitCore shop, SandboxProvider sandbox, SubscriptionId id) {
    Subscriptions subscriptions = shop.subscriptions();
    Subscription s = subscriptions.find(id).orElseThrow();
    if (s.state().isTerminal() || s.state() == SubscriptionState.PENDING) {
      return;
    }
    double roll = random.nextDouble();
    String method = s.method().map(m -> m.value()).orElse(null);
    // Daily odds: about a third of the customers cancel within the year.
    if (roll < 0.0008) {
      subscriptions.cancel(id, Subscriptions.CancelMode.AT_PERIOD_END);
      stats.count("subscriptions.cancelled at period end");
    } else if (roll < 0.0012) {
      subscriptions.cancel(id, Subscriptions.CancelMode.NOW);
      stats.count("subscriptions.cancelled now");
    } else if (roll < 0.02 && method != null) {
      sandbox.nextOffSessionOutcome(method, "insufficient_funds", 1 + random.nextInt(3));
      stats.count("subscriptions.declines queued");
    } else if (roll < 0.023 && method != null) {
      sandbox.nextOffSessionOutcome(method, "authentication_required", 1);
      stats.count("subscriptions.authentication required");
    } else if (roll < 0.0245 && method != null) {
      sandbox.removePaymentMethod(method);
      stats.count("subscriptions.methods removed");
    } else if (roll < 0.3
        && (s.state() == SubscriptionState.PAST_DUE || s.state() == SubscriptionState.UNPAID)
        && s.chargeInFlight().isEmpty()
        && s.openCheckout().isEmpty()) {
      comeBack(shop, sandbox, s);
    }
  }

  private void comeBack(PaykitCore shop, SandboxProvider sandbox, Subscription s) {
    SubscriptionCheckout back =
        shop.subscriptions()
            .updatePaymentMethod(
                new UpdatePaymentMethodCommand(
                    s.id(),
                    IdempotencyKey.derive("soak-back", s.id().value(), Long.toString(s.version())),
                    URLS));
    Payment checkout = back.checkout().payment();
    if (random.nextInt(5) == 0) {
      sandbox.simulate(checkout.transactionId().value(), SimulatedOutcome.CANCELLED);
      shop.verify().verify(checkout.id());
      stats.count("subscriptions.customers who came back and left");
    } else {
      pay(shop, sandbox, checkout);
      stats.count("subscriptions.customers who came back and paid");
    }
  }

  /** Every scheduler at once, pass after pass, until a pass of each finds nothing. */
  private void schedule(List<PaykitCore> cores, ExecutorService pool) throws Exception {
    for (int round = 0; round < 20; round++) {
      List<Future<SubscriptionRunReport>> passes = new ArrayList<>();
      for (PaykitCore core : cores) {
        passes.add(pool.submit(() -> core.runSubscriptions().runOnce()));
      }
      int claimed = 0;
      for (Future<SubscriptionRunReport> pass : passes) {
        SubscriptionRunReport report = pass.get();
        claimed += report.claimed();
        stats.add("subscriptions.renewal charges started", report.charges());
        stats.add("subscriptions.notices sent", report.notices());
      }
      if (claimed == 0) {
        return;
      }
    }
  }

  private SubscriptionInvariants.Data data(
      PaykitCore shop, PaykitStores stores, SandboxProvider sandbox, List<SubscriptionId> ids) {
    List<SubscriptionInvariants.EntryRow> entries = new ArrayList<>();
    List<SubscriptionInvariants.CycleRow> cycles = new ArrayList<>();
    for (SubscriptionId id : ids) {
      for (SubscriptionHistoryEntry e : shop.subscriptions().timeline(id)) {
        entries.add(
            new SubscriptionInvariants.EntryRow(
                id.value(), e.sequence(), e.event(), e.outcome(), e.cycle()));
      }
      Subscription s = shop.subscriptions().find(id).orElseThrow();
      for (long cycle = 2; cycle <= s.openCycle(); cycle++) {
        int succeeded =
            (int)
                stores
                    .payments()
                    .findByExternalId(new ExternalId(id.value() + "-c" + cycle))
                    .stream()
                    .filter(p -> p.state() == PaymentState.SUCCEEDED)
                    .count();
        List<Integer> perKey = new ArrayList<>();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          perKey.add(
              sandbox.ledger().paymentsFor(Subscription.renewalKey(id, cycle, attempt).value()));
        }
        cycles.add(new SubscriptionInvariants.CycleRow(id.value(), cycle, succeeded, perKey));
      }
    }
    return new SubscriptionInvariants.Data(entries, cycles);
  }
}
