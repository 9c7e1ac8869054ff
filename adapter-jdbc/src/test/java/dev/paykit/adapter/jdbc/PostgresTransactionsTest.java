package dev.paykit.adapter.jdbc;

import static dev.paykit.testkit.PaymentSamples.created;
import static dev.paykit.testkit.PaymentSamples.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.adapter.jdbc.RecordingDataSource.End;
import dev.paykit.adapter.jdbc.RecordingDataSource.Transaction;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.idempotency.IdempotencyRecord;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.idempotency.RequestFingerprint;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.testkit.Concurrently;
import dev.paykit.testkit.Concurrently.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transactions the stores run on PostgreSQL, counted on the connections: commits, rollbacks and
 * statements run in autocommit (each a transaction of its own, and a flush to disk when it wrote).
 * A phase is one transaction however many store calls it makes; a store call on its own is one.
 */
class PostgresTransactionsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456Z");
  private static final IdempotencyScope SCOPE = IdempotencyScope.CREATE_PAYMENT;

  @RegisterExtension final FreshDatabase database = FreshDatabase.postgres();

  private RecordingDataSource recording;
  private JdbcStores stores;

  @BeforeEach
  void startTheStores() {
    recording = new RecordingDataSource(database.dataSource());
    stores = JdbcStores.on(recording);
    recording.reset();
  }

  @AfterEach
  void closeTheStores() {
    stores.close();
  }

  @Test
  void a_phase_of_calls_to_every_store_is_one_committed_transaction() {
    Payment payment = created("pay_1", "order-1", T0);
    Payment started = moved(payment, PaymentState.STARTED, T0.plusSeconds(1));
    IdempotencyRecord key = reservation("key-1");

    stores
        .unitOfWork()
        .atomically(
            () -> {
              stores.idempotencyKeys().reserve(key, T0);
              stores.payments().insert(payment);
              stores.payments().findById(payment.id()).orElseThrow();
              assertThat(stores.payments().update(started, 0)).isTrue();
              assertThat(stores.idempotencyKeys().complete(SCOPE, key.key(), "pay_1")).isTrue();
              stores.inbox().insert(InboxEvent.received(new EventId("evt_1"), "t", "{}", T0));
              stores
                  .unitOfWork()
                  .atomically(
                      () -> stores.payments().recordLookUp(payment.id(), T0.plusSeconds(2)));
            });

    List<Transaction> transactions = recording.transactions();
    assertThat(transactions).hasSize(1);
    assertThat(transactions.get(0).end()).isEqualTo(End.COMMIT);
    assertThat(transactions.get(0).statements()).hasSize(9);
  }

  @Test
  void a_phase_that_throws_is_one_rolled_back_transaction_and_leaves_nothing() {
    Payment payment = created("pay_1", "order-1", T0);
    IdempotencyRecord key = reservation("key-1");
    RuntimeException failure = new IllegalStateException("the work failed after its writes");

    assertThatThrownBy(
            () ->
                stores
                    .unitOfWork()
                    .atomically(
                        () -> {
                          stores.idempotencyKeys().reserve(key, T0);
                          stores.payments().insert(payment);
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(recording.transactions())
        .singleElement()
        .satisfies(transaction -> assertThat(transaction.end()).isEqualTo(End.ROLLBACK));
    assertThat(recording.committed()).isZero();
    assertThat(stores.payments().findById(payment.id())).isEmpty();
    assertThat(stores.payments().findByIdempotencyKey(payment.idempotencyKey())).isEmpty();
    assertThat(stores.idempotencyKeys().find(SCOPE, key.key())).isEmpty();
  }

  @Test
  void outside_a_phase_each_store_call_is_one_transaction_of_as_few_statements_as_it_needs() {
    Payment payment = created("pay_1", "order-1", T0);
    Payment started = moved(payment, PaymentState.STARTED, T0.plusSeconds(1));

    assertThat(statementsOf(() -> stores.payments().insert(payment))).hasSize(2);
    assertThat(statementsOf(() -> stores.payments().findById(payment.id()))).hasSize(1);
    assertThat(statementsOf(() -> stores.payments().update(started, 0)))
        .hasSize(2)
        .allSatisfy(sql -> assertThat(sql).doesNotStartWith("select"));
    assertThat(
            statementsOf(
                () ->
                    stores
                        .payments()
                        .countRepeat(payment.id(), started.latest().repeatedAt(T0.plusSeconds(2)))))
        .hasSize(1);
    assertThat(statementsOf(() -> stores.payments().history(payment.id()))).hasSize(1);
    assertThat(statementsOf(() -> stores.idempotencyKeys().reserve(reservation("key-1"), T0)))
        .hasSize(1);
  }

  /**
   * Receipts from 16 threads at once: the inbox writes those that meet waiting on the database
   * together, so they take fewer transactions than rows, every one committed. (With one transaction
   * a receipt, this counts 800.)
   */
  @Test
  void receipts_made_at_once_by_many_threads_share_transactions_and_all_commit() {
    int threads = 16;
    int each = 50;
    List<Attempt<Integer>> attempts =
        Concurrently.run(
            threads,
            t ->
                () -> {
                  int fresh = 0;
                  for (int i = 0; i < each; i++) {
                    EventId id = new EventId("evt_" + t + "_" + i);
                    if (stores.inbox().insert(InboxEvent.received(id, "t", "{}", T0))) {
                      fresh++;
                    }
                  }
                  return fresh;
                });

    assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.value()).isEqualTo(each));
    List<Transaction> transactions = recording.transactions();
    assertThat(transactions).noneSatisfy(t -> assertThat(t.end()).isEqualTo(End.ROLLBACK));
    assertThat(transactions)
        .as("transactions of %d receipts", threads * each)
        .hasSizeLessThan(threads * each);
  }

  /** The statements of the one transaction {@code call} ran. */
  private List<String> statementsOf(Runnable call) {
    recording.reset();
    call.run();
    List<Transaction> transactions = recording.transactions();
    assertThat(transactions).hasSize(1);
    assertThat(transactions.get(0).end()).isNotEqualTo(End.ROLLBACK);
    return transactions.get(0).statements();
  }

  private static IdempotencyRecord reservation(String key) {
    return IdempotencyRecord.reserve(
        SCOPE,
        IdempotencyKey.of(key),
        RequestFingerprint.of(Map.of("request", key)),
        null,
        T0,
        Duration.ofSeconds(30),
        Duration.ofHours(24));
  }
}
