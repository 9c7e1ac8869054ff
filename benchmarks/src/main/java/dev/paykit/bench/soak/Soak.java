package dev.paykit.bench.soak;

import dev.paykit.bench.harness.SandboxAccess;
import dev.paykit.bench.report.Percentiles;
import dev.paykit.bench.report.Table;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.domain.money.AmountLimits;
import dev.paykit.port.in.ReconciliationReport;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.sandbox.SandboxConfig;
import dev.paykit.sandbox.SandboxPayment;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.SimulatedOutcome;
import dev.paykit.sandbox.WebhookDelivery;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.fake.WebhookSigner;
import dev.paykit.testkit.flows.CrashPoints;
import dev.paykit.transport.RetryPolicy;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak: drives checkouts through the whole stack — HTTP adapter to the sandbox, JDBC stores on
 * PostgreSQL, the webhook endpoint, inbox workers and reconciler, and the outbox's dispatchers
 * handing every outcome to a shop that fulfils paid orders ({@link SoakShop}) — with faults
 * injected at random from a seed, then lets the system settle and checks the invariants against the
 * provider's ledger, the database and the shop's own tables.
 */
public final class Soak {

  /** What to run. */
  public record Settings(
      int checkouts,
      long seed,
      int clients,
      int inboxWorkers,
      PostgresSchema schema,
      int poolSize,
      Duration maxDuration,
      Duration settleBudget) {}

  /** What the run found: its tables, and whether every invariant held and the run completed. */
  public record Report(List<Table> tables, boolean passed) {}

  /**
   * Short on purpose, so that crashed work is recovered within the run: a key's lock outlives a
   * slow create but not a crashed one for long, and the reconciler looks soon.
   */
  static PaykitSettings paykitSettings() {
    return new PaykitSettings(
        AmountLimits.defaults(),
        Duration.ofSeconds(3),
        Duration.ofHours(24),
        20,
        Duration.ofMillis(200),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(3),
        Duration.ofSeconds(20),
        100,
        new PaykitSettings.OutboxRetry(
            20, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(5)),
        PaykitSettings.DisputeTiming.defaults());
  }

  private final Settings settings;
  private final PrintStream out;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  public Soak(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public Report run() throws Exception {
    FaultScheduler scheduler = new FaultScheduler(settings.seed());
    List<CheckoutPlan> plans = scheduler.plans(settings.checkouts());
    SortedSet<Integer> restarts = scheduler.restarts(settings.checkouts());
    SoakStats stats = new SoakStats();
    SandboxConfig config =
        SandboxConfig.builder()
            // A restart keeps the receiver away for a moment: deliveries keep being retried.
            .webhookMaxAttempts(20)
            .webhookInitialBackoff(Duration.ofMillis(200))
            .webhookMaxBackoff(Duration.ofSeconds(2))
            .webhookTimeout(Duration.ofSeconds(2))
            .build();
    SoakShop.createTables(settings.schema());
    try (SandboxProvider sandbox = SandboxProvider.start(config)) {
      Attacker attacker =
          new Attacker(WebhookSigner.of(sandbox.webhookSecret().reveal()), stats, run);
      CrashPoints crashes = new CrashPoints(point -> stats.count("crash." + point));
      Generation.Parts parts =
          new Generation.Parts(
              settings.schema(),
              settings.poolSize(),
              SandboxAccess.settings(
                  sandbox,
                  Duration.ofMillis(1500),
                  new RetryPolicy(
                      3, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(4))),
              paykitSettings(),
              settings.inboxWorkers(),
              Duration.ofSeconds(2),
              stats,
              crashes,
              attacker,
              settings.seed());
      SoakRuntime runtime = new SoakRuntime(parts, sandbox);
      attacker.aimAt(runtime::webhookUri);
      Checkouts checkouts = new Checkouts(runtime, sandbox, stats, crashes, attacker, run);

      long start = System.nanoTime();
      int done = drive(plans, restarts, runtime, checkouts, stats);
      long driven = System.nanoTime() - start;
      out.printf(
          Locale.ROOT, "soak: %,d checkouts driven in %s; settling%n", done, minutes(driven));
      long settleStart = System.nanoTime();
      boolean settled = settle(sandbox, runtime, stats);
      long settling = System.nanoTime() - settleStart;
      runtime.stop();

      Invariants.Data data =
          Snapshot.take(
              settings.schema(),
              sandbox,
              attacker.mustNeverBeStored,
              stats.withPrefix("attack.breach: ").values().stream()
                  .mapToLong(Long::longValue)
                  .sum());
      List<Invariants.Check> checks = new ArrayList<>(Invariants.check(data));
      checks.addAll(ShopInvariants.check(Snapshot.shop(settings.schema(), data.payments())));
      // One subscription for every 50 checkouts, a year of days, three schedulers racing.
      int subscriptions = Math.max(10, settings.checkouts() / 50);
      out.printf(Locale.ROOT, "soak: %,d subscriptions over 365 days%n", subscriptions);
      checks.addAll(
          new SubscriptionSoak(settings.schema(), subscriptions, 365, 3, settings.seed(), stats)
              .run());
      boolean passed =
          settled
              && done == settings.checkouts()
              && checks.stream().allMatch(Invariants.Check::holds);
      List<Table> tables = new ArrayList<>();
      tables.add(
          runTable(done, driven, settling, settled, restarts.size(), checkouts, sandbox, stats));
      tables.add(faultTable(stats));
      tables.add(invariantTable(checks));
      return new Report(tables, passed);
    }
  }

  /** Clients take the next checkout until all are done or the time is up. */
  private int drive(
      List<CheckoutPlan> plans,
      SortedSet<Integer> restarts,
      SoakRuntime runtime,
      Checkouts checkouts,
      SoakStats stats)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    long deadline = System.nanoTime() + settings.maxDuration().toNanos();
    int tenth = Math.max(1, plans.size() / 10);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < settings.clients(); c++) {
      Thread client =
          new Thread(
              () -> {
                for (int i;
                    System.nanoTime() < deadline && (i = next.getAndIncrement()) < plans.size(); ) {
                  if (restarts.contains(i)) {
                    runtime.crashAndRestart();
                  }
                  try {
                    checkouts.run(plans.get(i));
                  } catch (RuntimeException e) {
                    stats.count("client.checkout ended by " + e.getClass().getSimpleName());
                  }
                  int n = done.incrementAndGet();
                  if (n % tenth == 0) {
                    out.printf(Locale.ROOT, "soak: %,d of %,d checkouts%n", n, plans.size());
                  }
                }
              },
              "paykit-soak-client-" + c);
      client.setDaemon(true);
      clients.add(client);
      client.start();
    }
    for (Thread client : clients) {
      client.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + 120_000);
    }
    return done.get();
  }

  /**
   * After the last checkout: faults off; the provider expires what customers walked away from; the
   * provider's deliveries finish; dead letters go back to the inbox and the inbox drains; the
   * reconciler, with no waiting thresholds, asks the provider about every payment not finished; the
   * outbox's dead letters are replayed and the outbox drains to the shop. Round after round, until
   * nothing is left open or the budget is spent.
   */
  private boolean settle(SandboxProvider sandbox, SoakRuntime runtime, SoakStats stats)
      throws SQLException {
    long deadline = System.nanoTime() + settings.settleBudget().toNanos();
    sandbox.faults().clear();
    PaykitSettings immediately = paykitSettings().withReconciliation(Duration.ZERO, Duration.ZERO);
    for (int round = 1; System.nanoTime() < deadline; round++) {
      for (SandboxPayment p : sandbox.payments()) {
        if (!p.status().isTerminal()) {
          try {
            sandbox.simulate(p.transactionId(), SimulatedOutcome.EXPIRED);
            stats.count("settle.abandoned checkouts expired by the provider");
          } catch (RuntimeException e) {
            stats.count("settle.expiry refused: " + e.getClass().getSimpleName());
          }
        }
      }
      waitFor(() -> pendingDeliveries(sandbox) == 0, deadline);
      PaykitCore core = runtime.generation().core(immediately);
      for (InboxEvent dead : core.inbox().deadLetters(1_000)) {
        if (core.inbox().replayDeadLetter(dead.provider(), dead.id())) {
          stats.count("settle.dead letters replayed");
        }
      }
      waitFor(() -> openInbox() == 0, deadline);
      for (int pass = 0; pass < 100 && System.nanoTime() < deadline; pass++) {
        ReconciliationReport report = core.reconcile().reconcile();
        stats.add("settle.payments changed by the final reconciliation", report.changed());
        if (report.items().isEmpty() || report.changed() == 0) {
          break;
        }
      }
      waitFor(() -> pendingDeliveries(sandbox) == 0 && openInbox() == 0, deadline);
      for (OutboxDelivery dead : core.outbox().deadLetters(1_000)) {
        if (core.outbox().replay(dead.event().id())) {
          stats.count("settle.outbox dead letters replayed");
        }
      }
      waitFor(() -> undeliveredOutbox() == 0, deadline);
      if (openLocally() == 0
          && openInbox() == 0
          && undeliveredOutbox() == 0
          && pendingDeliveries(sandbox) == 0
          && sandbox.payments().stream().allMatch(p -> p.status().isTerminal())) {
        stats.add("settle.rounds", round);
        return true;
      }
    }
    return false;
  }

  private interface Condition {
    boolean holds() throws SQLException;
  }

  private static void waitFor(Condition condition, long deadline) throws SQLException {
    while (!condition.holds() && System.nanoTime() < deadline) {
      Generation.sleep(100);
    }
  }

  private static long pendingDeliveries(SandboxProvider sandbox) {
    return sandbox.webhookDeliveries().stream()
        .filter(d -> d.state() == WebhookDelivery.State.PENDING)
        .count();
  }

  private long openInbox() throws SQLException {
    return count("select count(*) from webhook_inbox where status in ('PENDING', 'PROCESSING')");
  }

  private long undeliveredOutbox() throws SQLException {
    return count("select count(*) from outbox_events where status <> 'DELIVERED'");
  }

  private long openLocally() throws SQLException {
    return count(
        "select count(*) from payments where state not in"
            + " ('SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED')");
  }

  private long count(String sql) throws SQLException {
    try (Connection c = settings.schema().connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private Table runTable(
      int done,
      long drivenNanos,
      long settleNanos,
      boolean settled,
      int restarts,
      Checkouts checkouts,
      SandboxProvider sandbox,
      SoakStats stats) {
    long[] started = checkouts.untilStarted.stream().mapToLong(Long::longValue).toArray();
    Percentiles p = Percentiles.of(started);
    Map<String, Long> deliveries = new java.util.TreeMap<>();
    sandbox.webhookDeliveries().forEach(d -> deliveries.merge(d.state().name(), 1L, Long::sum));
    return new Table("Soak: the run", "what", "figure")
        .row("seed", Long.toString(settings.seed()))
        .row(
            "checkouts",
            String.format(
                Locale.ROOT,
                "%,d of %,d, %d concurrent clients, %d inbox workers",
                done,
                settings.checkouts(),
                settings.clients(),
                settings.inboxWorkers()))
        .row(
            "driving",
            String.format(
                Locale.ROOT,
                "%s, %.1f checkouts/s",
                minutes(drivenNanos),
                done / (drivenNanos / 1e9)))
        .row(
            "create until started (per checkout, retries included)",
            p.count() == 0
                ? "–"
                : "p50 " + Table.latency(p.p50()) + ", p99 " + Table.latency(p.p99()))
        .row("process restarts", Integer.toString(restarts))
        .row("provider payments", String.format(Locale.ROOT, "%,d", sandbox.payments().size()))
        .row("webhook events by delivery state", deliveries.toString())
        .row(
            "settling (expire abandoned, drain, reconcile)",
            minutes(settleNanos) + (settled ? "" : ", NOT settled within the budget"));
  }

  private static Table faultTable(SoakStats stats) {
    Table table =
        new Table(
            "Soak: faults injected and what the clients, the shop and the core saw",
            "what",
            "count");
    for (String prefix :
        List.of(
            "fault.",
            "crash.",
            "customer.",
            "client.",
            "attack.",
            "shop.",
            "core.",
            "settle.",
            "subscriptions.")) {
      stats
          .withPrefix(prefix)
          .forEach(
              (name, n) ->
                  table.row(
                      prefix.substring(0, prefix.length() - 1) + ": " + name,
                      String.format(Locale.ROOT, "%,d", n)));
    }
    return table;
  }

  private static Table invariantTable(List<Invariants.Check> checks) {
    Table table =
        new Table(
            "Soak: invariants after reconciliation",
            "invariant",
            "violations",
            "must be",
            "examples");
    for (Invariants.Check c : checks) {
      table.row(
          c.name(),
          String.format(Locale.ROOT, "%,d", c.violations()),
          "0",
          c.examples().isEmpty() ? "" : String.join("; ", c.examples()));
    }
    return table;
  }

  static String minutes(long nanos) {
    Duration d = Duration.ofNanos(nanos);
    return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
  }
}
