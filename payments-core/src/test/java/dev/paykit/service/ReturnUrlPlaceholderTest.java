package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.core.flows.InMemoryPaykit;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.FakeProvider.Fault;
import dev.paykit.testkit.fake.FakeProvider.Operation;
import dev.paykit.testkit.flows.FlowClock;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The payment id the shop cannot know when it builds its return URLs reaches the provider in their
 * placeholder's place, while the key stays bound to what the shop sent.
 */
class ReturnUrlPlaceholderTest {
  private static final ReturnUrls TEMPLATE =
      ReturnUrls.of(
          "https://shop.example/return?payment=PAYKIT_PAYMENT_ID&outcome=success",
          "https://shop.example/return?payment=PAYKIT_PAYMENT_ID&outcome=cancel");
  private static final IdempotencyKey KEY = IdempotencyKey.of("key-1");

  private final InMemoryPaykit memory =
      new InMemoryPaykit(new FlowClock(Instant.parse("2026-11-24T10:00:00Z")));
  private final FakeProvider provider = memory.provider();

  @Test
  void the_provider_is_sent_the_new_payments_id_where_the_placeholder_was() {
    Payment payment = create().payment();

    ReturnUrls sent = provider.returnUrls(payment.transactionId()).orElseThrow();
    String id = payment.id().value();
    assertThat(sent.successUrl())
        .isEqualTo(URI.create("https://shop.example/return?payment=" + id + "&outcome=success"));
    assertThat(sent.cancelUrl())
        .isEqualTo(URI.create("https://shop.example/return?payment=" + id + "&outcome=cancel"));
    assertThat(payment.request().returnUrls()).isEqualTo(TEMPLATE);
  }

  @Test
  void a_retry_with_the_same_template_replays_the_first_payment() {
    Payment first = create().payment();

    CreatePaymentResult again = create();

    assertThat(again).isInstanceOf(CreatePaymentResult.Replayed.class);
    assertThat(again.payment().id()).isEqualTo(first.id());
    assertThat(provider.ledger().createCalls()).isEqualTo(1);
  }

  @Test
  void a_payment_sent_again_after_a_lost_answer_carries_the_same_urls() {
    provider.failNext(Operation.CREATE_PAYMENT, Fault.timeoutAfterActing());
    CreatePaymentResult lost = create();
    assertThat(lost).isInstanceOf(CreatePaymentResult.Pending.class);

    CreatePaymentResult retried = create();

    // The provider replays a key only for the very same request: other URLs would be a conflict.
    assertThat(retried).isInstanceOf(CreatePaymentResult.Started.class);
    assertThat(retried.payment().id()).isEqualTo(lost.payment().id());
    assertThat(provider.ledger().createCalls()).isEqualTo(2);
    assertThat(provider.ledger().paymentsCreated(KEY)).isEqualTo(1);
  }

  private CreatePaymentResult create() {
    return memory
        .core()
        .create()
        .create(
            new CreatePaymentCommand(
                KEY,
                new PaymentRequest(
                    new ExternalId("order-1"), Money.of(1050, "EUR"), null, null, TEMPLATE, null)));
  }
}
