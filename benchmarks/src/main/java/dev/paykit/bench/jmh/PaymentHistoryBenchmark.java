package dev.paykit.bench.jmh;

import com.google.inject.Injector;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.bench.support.PostgresSchema;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.VerifyPayment;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.Stores;
import dev.paykit.service.PaykitCore;
import dev.paykit.testkit.ForwardingGateway;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.InstantGateway;
import dev.paykit.testkit.fake.WebhookSigner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 7: what one report costs on a payment with a short history and on one with a long
 * history, in memory and on PostgreSQL. Each operation is a status look-up through {@link
 * VerifyPayment} (what the customer's return and the reconciler do) whose answer is the payment's
 * state unchanged, as most reports about a waiting payment are: read the payment, ask the provider
 * (a gateway in this JVM that answers at once), apply the answer, and record it, which counts it on
 * the latest entry because it says what that entry says. The history thus keeps exactly its length
 * while it is measured, and the comparison between the two lengths is the benchmark: the cost of a
 * report must not grow with the history.
 *
 * <p>Before measuring, the payment is created through the service and given its history by look-ups
 * that answer alternately {@code inprogress} and {@code started} while it is in progress: every one
 * of them says something other than the entry before it (a duplicate, then a stale report), so each
 * is appended as a distinct entry, as a real trail of distinct reports is.
 */
public class PaymentHistoryBenchmark {

  /** Created, started (the provider's answer), then in progress: the entries before the fill. */
  static final int FIRST_ENTRIES = 3;

  @State(Scope.Benchmark)
  public static class Trail {
    @Param({"inmemory", "postgres"})
    public String store;

    /** How many entries the payment's history holds while it is measured. */
    @Param({"10", "5000"})
    public int entries;

    final String fork = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Injector jdbc;
    DataSource pool;
    Stores stores;
    LookUpGateway gateway;
    VerifyPayment verify;
    PaymentId id;

    @Setup(Level.Trial)
    public void prepare() {
      if (entries <= FIRST_ENTRIES) {
        throw new IllegalArgumentException(
            "entries must be above " + FIRST_ENTRIES + ", the entries of a payment in progress");
      }
      if (store.equals("postgres")) {
        jdbc = ForkEnvironment.schema().openStores(ForkEnvironment.poolSize());
        pool = jdbc.getInstance(HikariDataSource.class);
        stores = jdbc.getInstance(Stores.class);
      } else {
        stores = new InMemoryStores();
      }
      Clock clock = Clock.systemUTC();
      gateway = new LookUpGateway(new InstantGateway(clock, fork));
      PaykitCore core =
          PaykitCore.builder()
              .stores(stores)
              .provider(
                  gateway,
                  new StandardWebhookVerifier(
                      List.of(Secret.of(WebhookSigner.randomSecret())), clock),
                  new JacksonWebhookParser())
              .clock(clock)
              .build();
      CreatePaymentResult created =
          core.create()
              .create(
                  new CreatePaymentCommand(
                      IdempotencyKey.of("k-history-" + fork),
                      PaymentSamples.request("o-history-" + fork)));
      if (!(created instanceof CreatePaymentResult.Started started)) {
        throw new IllegalStateException("the payment to report on was not started: " + created);
      }
      id = started.payment().id();
      verify = core.verify();
      fill();
    }

    /**
     * Appends distinct entries up to {@link #entries}, the last of them the duplicate that the
     * measured report repeats.
     */
    private void fill() {
      gateway.answer(ProviderStatus.IN_PROGRESS);
      verify.verify(id);
      for (int next = FIRST_ENTRIES; next < entries; next++) {
        boolean duplicate = (entries - 1 - next) % 2 == 0;
        gateway.answer(duplicate ? ProviderStatus.IN_PROGRESS : ProviderStatus.STARTED);
        verify.verify(id);
      }
      gateway.answer(ProviderStatus.IN_PROGRESS);
      List<HistoryEntry> history = stores.payments().history(id);
      HistoryEntry latest = history.get(history.size() - 1);
      if (history.size() != entries
          || latest.outcome() != Outcome.DUPLICATE
          || latest.source() != TransitionSource.LOOKUP
          || history.stream().anyMatch(e -> e.repeats() > 0)) {
        throw new IllegalStateException(
            "the fill left "
                + history.size()
                + " entries, the latest "
                + latest.outcome()
                + " from "
                + latest.source()
                + ", instead of "
                + entries
                + " distinct ones ending in a duplicate look-up");
      }
    }

    /**
     * Every measured report must have been counted, not appended: the history is still as long as
     * it was filled. On PostgreSQL, counting updates the latest entry's row, and the dead row
     * versions this leaves go before the next iteration (autovacuum may be off).
     */
    @TearDown(Level.Iteration)
    public void checkAndVacuum() throws SQLException {
      Payment payment = stores.payments().findById(id).orElseThrow();
      if (payment.version() != entries - 1 || payment.state() != PaymentState.IN_PROGRESS) {
        throw new IllegalStateException(
            "a measured report changed the payment: version "
                + payment.version()
                + ", "
                + payment.state()
                + "; expected version "
                + (entries - 1)
                + ", IN_PROGRESS");
      }
      if (pool != null) {
        try (Connection c = pool.getConnection();
            Statement s = c.createStatement()) {
          s.execute("vacuum payment_history, payments");
        }
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      if (jdbc != null) {
        PostgresSchema.close(jdbc);
      }
    }
  }

  @Benchmark
  public Payment report(Trail t) {
    return t.verify.verify(t.id);
  }

  /**
   * Creates payments as {@link InstantGateway} does and answers a status look-up with the payment
   * it created last, in the status it is told to answer: a provider whose reports the benchmark
   * chooses. Set before the benchmark's threads start, and read by one thread.
   */
  static final class LookUpGateway extends ForwardingGateway {
    private volatile ProviderPayment created;
    private volatile ProviderStatus answer = ProviderStatus.STARTED;

    LookUpGateway(InstantGateway creates) {
      super(creates);
    }

    void answer(ProviderStatus status) {
      this.answer = status;
    }

    @Override
    public ProviderResult<ProviderPayment> createPayment(
        PaymentRequest request, IdempotencyKey key) {
      ProviderResult<ProviderPayment> result = super.createPayment(request, key);
      if (result instanceof ProviderResult.Success<ProviderPayment> success) {
        created = success.value();
      }
      return result;
    }

    @Override
    public ProviderResult<ProviderPayment> getPayment(TransactionId transactionId) {
      ProviderPayment p = created;
      if (p == null || !p.transactionId().equals(transactionId)) {
        throw new IllegalStateException("asked about a payment this gateway did not create last");
      }
      return new ProviderResult.Success<>(
          new ProviderPayment(
              p.transactionId(),
              answer,
              p.amount(),
              p.externalId(),
              p.metadata(),
              p.checkoutUrl(),
              null,
              p.createdAt(),
              p.updatedAt(),
              p.expiresAt()),
          "req_lookup",
          false);
    }
  }
}
