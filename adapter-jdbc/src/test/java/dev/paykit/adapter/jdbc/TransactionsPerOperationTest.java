package dev.paykit.adapter.jdbc;

import static dev.paykit.testkit.PaymentSamples.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.adapter.jdbc.RecordingDataSource.End;
import dev.paykit.adapter.jdbc.RecordingDataSource.Transaction;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.service.PaykitCore;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.testkit.flows.FlowClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transactions of whole operations through the core on PostgreSQL, counted on the connections
 * (commits, rollbacks and statements in autocommit; see {@link RecordingDataSource}): what issue 14
 * asks of a create (two, one on each side of the provider call) and of an applied webhook event
 * (one, with one read), whatever else the core changes.
 */
class TransactionsPerOperationTest {
  @RegisterExtension final FreshDatabase database = FreshDatabase.postgres();

  private RecordingDataSource recording;
  private JdbcStores stores;
  private FlowClock clock;
  private FakeProvider provider;
  private PaykitCore paykit;

  @BeforeEach
  void wireTheCore() {
    recording = new RecordingDataSource(database.dataSource());
    stores = JdbcStores.on(recording);
    clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
    provider = new FakeProvider(clock);
    paykit =
        PaykitCore.builder()
            .stores(stores)
            .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
            .clock(clock)
            .build();
    recording.reset();
  }

  @AfterEach
  void closeTheStores() {
    stores.close();
  }

  @Test
  void a_create_the_provider_accepts_is_two_committed_transactions() {
    CreatePaymentResult result = create("order-1");

    assertThat(result).isInstanceOf(CreatePaymentResult.Started.class);
    List<Transaction> transactions = recording.transactions();
    assertThat(transactions)
        .as("transactions of one create: %s", transactions)
        .hasSize(2)
        .allSatisfy(transaction -> assertThat(transaction.end()).isNotEqualTo(End.ROLLBACK));
  }

  @Test
  void a_create_writes_each_of_its_rows_with_one_statement() {
    create("order-1");

    List<Transaction> transactions = recording.transactions();
    assertThat(transactions).hasSize(2);
    assertThat(transactions.get(0).statements())
        .as("the phase before the provider call")
        .map(TransactionsPerOperationTest::target)
        .containsExactly(
            "insert into idempotency_keys",
            "insert into payments",
            "insert into payment_history",
            "insert into outbox_sequences",
            "insert into outbox_events");
    assertThat(transactions.get(1).statements())
        .as("the phase after it")
        .map(TransactionsPerOperationTest::target)
        .containsExactly(
            "update payments",
            "insert into payment_history",
            "update outbox_sequences",
            "insert into outbox_events",
            "update idempotency_keys");
  }

  @Test
  void an_applied_webhook_event_is_one_transaction_with_one_read_besides_the_claims() {
    Payment started = create("order-1").payment();
    SignedWebhook confirmed =
        provider.move(started.transactionId(), ProviderStatus.CONFIRMED, null);
    assertThat(paykit.receiveWebhook().receive(confirmed.body(), confirmed.headers()).httpStatus())
        .isEqualTo(200);
    recording.reset();

    assertThat(paykit.inbox().processPending(100).processed()).isEqualTo(1);

    List<Transaction> applying =
        recording.transactions().stream().filter(t -> !isClaimOnly(t)).toList();
    assertThat(applying).as("transactions besides the claims: %s", applying).hasSize(1);
    Transaction applied = applying.get(0);
    assertThat(applied.end()).isNotEqualTo(End.ROLLBACK);
    assertThat(applied.statements())
        .anySatisfy(sql -> assertThat(sql).startsWith("update payments"))
        .anySatisfy(sql -> assertThat(sql).contains("status = 'processed'"));
    assertThat(applied.statements().stream().filter(TransactionsPerOperationTest::isRead))
        .as("reads of the applying transaction, besides a claim's")
        .hasSize(1);
    assertThat(stores.payments().findById(started.id()).orElseThrow().state())
        .isEqualTo(PaymentState.SUCCEEDED);
  }

  private CreatePaymentResult create(String order) {
    return paykit
        .create()
        .create(
            new CreatePaymentCommand(
                IdempotencyKey.derive("user-7", order, "attempt-1"), request(order)));
  }

  /** A claim of the inbox, and nothing else: its locking read and the update that claims. */
  private static boolean isClaimOnly(Transaction transaction) {
    return transaction.statements().stream().allMatch(TransactionsPerOperationTest::isClaim);
  }

  private static boolean isClaim(String sql) {
    return sql.endsWith("for update skip locked")
        || sql.startsWith("update webhook_inbox set status = 'processing'");
  }

  /** What a statement does to which table: "insert into payments", "update payments". */
  private static String target(String sql) {
    String[] words = sql.split(" ");
    return words[0].equals("insert")
        ? String.join(" ", words[0], words[1], words[2])
        : String.join(" ", words[0], words[1]);
  }

  private static boolean isRead(String sql) {
    return sql.startsWith("select") && !isClaim(sql);
  }
}
