package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.RefundCommand;
import dev.paykit.port.in.RefundResult;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.testkit.flows.FlowClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How many phases (transactions, on a database) each use case takes, and what each holds: a create
 * is two, the key with the payment before the provider is asked and the answer with the key's
 * settlement after; an applied webhook event is one, with one read; the inbox's claim is one call
 * per batch, outside any phase. The outbox event the shop is to hear of is appended in the phase of
 * the change it reports, and takes no phase of its own.
 */
class AtomicPhasesTest {
  private final FlowClock clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final FakeProvider provider = new FakeProvider(clock);
  private final RecordingStores stores = new RecordingStores(new InMemoryStores());
  private final PaykitCore paykit =
      PaykitCore.builder()
          .stores(stores)
          .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
          .clock(clock)
          .build();

  @Test
  void a_create_is_two_phases_the_key_with_the_payment_then_the_answer_with_the_settlement() {
    CreatePaymentResult result = create("order-1");

    assertThat(result).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(stores.phases()).isEqualTo(2);
    // Nothing is read: the second phase writes on the version the first one stored.
    assertThat(stores.trace())
        .containsExactly(
            "1 keys.reserve",
            "1 payments.insert",
            "1 outbox.append",
            "2 payments.update",
            "2 outbox.append",
            "2 keys.complete");
    assertThat(stores.appended()).containsExactly("1 payment.created", "2 payment.started");
    assertThat(stores.undone()).isEmpty();
  }

  @Test
  void a_replayed_create_is_one_phase_and_asks_the_provider_nothing() {
    Payment first = create("order-1").payment();
    stores.reset();

    CreatePaymentResult again = create("order-1");

    assertThat(again).isInstanceOf(CreatePaymentResult.Replayed.class);
    assertThat(again.payment().id()).isEqualTo(first.id());
    assertThat(stores.phases()).isEqualTo(1);
    assertThat(stores.trace()).containsExactly("1 keys.reserve", "- payments.findById");
    assertThat(stores.appended()).isEmpty();
    assertThat(provider.ledger().createCalls()).isEqualTo(1);
  }

  @Test
  void a_received_webhook_is_one_insert_into_the_inbox_and_no_phase() {
    Payment started = create("order-1").payment();
    SignedWebhook confirmed =
        provider.move(started.transactionId(), ProviderStatus.CONFIRMED, null);
    stores.reset();

    WebhookReceipt receipt = deliver(confirmed);

    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
    assertThat(stores.phases()).isZero();
    assertThat(stores.trace()).containsExactly("- inbox.insert");
  }

  @Test
  void each_applied_webhook_event_is_one_phase_with_one_read_after_one_claim_for_the_batch() {
    Payment first = create("order-1").payment();
    Payment second = create("order-2").payment();
    // A second apart, so that the inbox hands them out in this order (oldest first).
    deliver(provider.move(first.transactionId(), ProviderStatus.IN_PROGRESS, null));
    clock.advance(Duration.ofSeconds(1));
    deliver(provider.move(first.transactionId(), ProviderStatus.CONFIRMED, null));
    clock.advance(Duration.ofSeconds(1));
    deliver(provider.move(second.transactionId(), ProviderStatus.CONFIRMED, null));
    stores.reset();

    InboxRunReport report = paykit.inbox().processPending(10);

    assertThat(report.processed()).isEqualTo(3);
    assertThat(stores.phases()).isEqualTo(3);
    assertThat(stores.trace())
        .containsExactly(
            "- inbox.claim",
            "1 payments.findByTransactionId",
            "1 payments.update",
            "1 inbox.markProcessed",
            "2 payments.findByTransactionId",
            "2 payments.update",
            "2 outbox.append",
            "2 inbox.markProcessed",
            "3 payments.findByTransactionId",
            "3 payments.update",
            "3 outbox.append",
            "3 inbox.markProcessed");
    // In progress is Paykit's own bookkeeping; the shop hears of each payment's success.
    assertThat(stores.appended()).containsExactly("2 payment.succeeded", "3 payment.succeeded");
    assertThat(stores.payments().findById(first.id()).orElseThrow().state())
        .isEqualTo(PaymentState.SUCCEEDED);
    assertThat(stores.payments().findById(second.id()).orElseThrow().state())
        .isEqualTo(PaymentState.SUCCEEDED);
  }

  @Test
  void a_refund_is_two_phases_the_key_with_the_refund_then_the_answer_with_the_settlement() {
    Payment paid = create("order-1").payment();
    deliver(provider.move(paid.transactionId(), ProviderStatus.CONFIRMED, null));
    paykit.inbox().processPending(10);
    stores.reset();

    RefundResult result =
        paykit
            .refund()
            .refund(
                new RefundCommand(
                    IdempotencyKey.of("refund-1"), paid.id(), Money.of(500, "EUR"), null));

    assertThat(result).isInstanceOf(RefundResult.Accepted.class);
    assertThat(stores.phases()).isEqualTo(2);
    assertThat(inPhase(1)).startsWith("keys.reserve").endsWith("refunds.insertWithin");
    // The refund's event carries its payment's order, read in the phase that appends it.
    assertThat(inPhase(2))
        .containsExactly("refunds.update", "payments.findById", "outbox.append", "keys.complete");
    // A requested refund is not sent yet; the shop hears of it once the provider took it.
    assertThat(stores.appended()).containsExactly("2 refund.pending");
    assertThat(stores.undone()).isEmpty();
  }

  @Test
  void a_settled_refund_is_one_phase_with_its_event_and_the_marking() {
    Payment paid = create("order-1").payment();
    deliver(provider.move(paid.transactionId(), ProviderStatus.CONFIRMED, null));
    paykit.inbox().processPending(10);
    RefundResult accepted =
        paykit
            .refund()
            .refund(
                new RefundCommand(
                    IdempotencyKey.of("refund-1"), paid.id(), Money.of(500, "EUR"), null));
    deliver(provider.settleRefund(accepted.refund().providerRefundId(), RefundState.SUCCEEDED));
    stores.reset();

    InboxRunReport report = paykit.inbox().processPending(10);

    assertThat(report.processed()).isEqualTo(1);
    assertThat(stores.phases()).isEqualTo(1);
    assertThat(inPhase(1)).contains("refunds.update", "outbox.append", "inbox.markProcessed");
    assertThat(stores.appended()).containsExactly("1 refund.succeeded");
    assertThat(stores.undone()).isEmpty();
  }

  private List<String> inPhase(int phase) {
    return stores.calls().stream()
        .filter(call -> call.phase() == phase)
        .map(call -> call.store() + "." + call.method())
        .toList();
  }

  private CreatePaymentResult create(String order) {
    return paykit
        .create()
        .create(
            new CreatePaymentCommand(
                IdempotencyKey.derive("user-7", order, "attempt-1"),
                PaymentSamples.request(order)));
  }

  private WebhookReceipt deliver(SignedWebhook webhook) {
    return paykit.receiveWebhook().receive(webhook.body(), webhook.headers());
  }
}
