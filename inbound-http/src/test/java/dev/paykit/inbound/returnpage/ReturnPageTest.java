package dev.paykit.inbound.returnpage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.core.flows.InMemoryPaykit;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.message.CustomerMessages;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.inbound.returnpage.ReturnPageResult.Invalid;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.service.PaykitCore;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.flows.FlowClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The return page helper on the real core and the fake provider: the customer comes back on the URL
 * the provider was given, and the page shows what the provider says, whatever the URL claims.
 */
class ReturnPageTest {
  private static final ReturnUrls BY_PAYMENT_ID =
      ReturnUrls.of(
          "https://shop.example/return?payment=PAYKIT_PAYMENT_ID&outcome=success",
          "https://shop.example/return?payment=PAYKIT_PAYMENT_ID&outcome=cancel");
  private static final ReturnUrls BY_ORDER =
      ReturnUrls.of(
          "https://shop.example/return?order=o-1", "https://shop.example/return?order=o-1");

  private final FlowClock clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final InMemoryPaykit memory = new InMemoryPaykit(clock);
  private final PaykitCore paykit = memory.core();
  private final FakeProvider provider = memory.provider();
  private final ReturnPage page = new ReturnPage(paykit.list(), paykit.verify());

  @Test
  void the_customer_comes_back_on_a_url_with_the_real_payment_id_and_the_page_finds_it() {
    Payment payment = create("o-1", "attempt-1", BY_PAYMENT_ID);
    URI back = provider.returnUrls(payment.transactionId()).orElseThrow().successUrl();

    ReturnPageResult result = page.show(ReturnPage.parameters(back.getRawQuery()));

    assertThat(back.getQuery()).isEqualTo("payment=" + payment.id() + "&outcome=success");
    assertThat(result).isInstanceOf(ReturnPageResult.Pending.class);
    assertThat(result.payment()).map(Payment::id).contains(payment.id());
    assertThat(result.httpStatus()).isEqualTo(200);
  }

  @Test
  void a_forged_status_paid_in_the_url_changes_nothing() {
    Payment payment = create("o-1", "attempt-1", BY_PAYMENT_ID);
    Map<String, String> forged = returnQuery(payment);
    forged.put("status", "paid");
    forged.put("transactionId", payment.transactionId().value());

    ReturnPageResult result = page.show(forged);

    assertThat(result).isInstanceOf(ReturnPageResult.Pending.class);
    assertThat(result.message().title()).isEqualTo("Payment pending");
    assertThat(stored(payment).state()).isEqualTo(PaymentState.STARTED);
  }

  @Test
  void the_page_shows_the_providers_word_before_its_webhook_arrives() {
    Payment payment = create("o-1", "attempt-1", BY_PAYMENT_ID);
    provider.move(payment.transactionId(), ProviderStatus.CONFIRMED, null);

    ReturnPageResult result = page.show(returnQuery(payment));

    assertThat(result).isInstanceOf(ReturnPageResult.Paid.class);
    assertThat(result.message()).isEqualTo(CustomerMessages.of(stored(payment)));
    assertThat(stored(payment).state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(paykit.list().history(payment.id()))
        .anySatisfy(e -> assertThat(e.source()).isEqualTo(TransitionSource.LOOKUP));
  }

  @Test
  void a_decline_is_shown_in_customer_words_never_in_the_providers() {
    Payment payment = create("o-1", "attempt-1", BY_PAYMENT_ID);
    provider.move(
        payment.transactionId(),
        ProviderStatus.DECLINED,
        new Failure(
            FailureReason.DECLINED,
            DeclineCode.INSUFFICIENT_FUNDS,
            "issuer response 51 from acquirer node 7"));

    ReturnPageResult result = page.show(returnQuery(payment));

    assertThat(result).isInstanceOf(ReturnPageResult.Failed.class);
    assertThat(result.message()).isEqualTo(CustomerMessages.of(stored(payment)));
    assertThat(result.message().body()).contains("insufficient funds").doesNotContain("issuer");
    assertThat(result.message().mayRetry()).isTrue();
  }

  @Test
  void a_cancelled_and_an_expired_checkout_are_told_apart() {
    Payment cancelled = create("o-1", "attempt-1", BY_PAYMENT_ID);
    provider.move(cancelled.transactionId(), ProviderStatus.CANCELLED, null);
    Payment expired = create("o-2", "attempt-1", BY_PAYMENT_ID);
    provider.move(expired.transactionId(), ProviderStatus.EXPIRED, null);

    assertThat(page.show(returnQuery(cancelled))).isInstanceOf(ReturnPageResult.Cancelled.class);
    assertThat(page.show(returnQuery(expired))).isInstanceOf(ReturnPageResult.Expired.class);
  }

  @Test
  void by_order_the_newest_payment_of_the_order_is_verified() {
    Payment first = create("o-1", "attempt-1", BY_ORDER);
    provider.move(first.transactionId(), ProviderStatus.CANCELLED, null);
    assertThat(page.forOrder("o-1")).isInstanceOf(ReturnPageResult.Cancelled.class);
    clock.advance(Duration.ofSeconds(1));
    Payment second = create("o-1", "attempt-2", BY_ORDER);
    provider.move(second.transactionId(), ProviderStatus.CONFIRMED, null);

    ReturnPageResult result = page.show(ReturnPage.parameters(BY_ORDER.successUrl().getRawQuery()));

    assertThat(result).isInstanceOf(ReturnPageResult.Paid.class);
    assertThat(result.payment()).map(Payment::id).contains(second.id());
  }

  @Test
  void an_unknown_payment_or_order_is_not_found() {
    create("o-1", "attempt-1", BY_PAYMENT_ID);

    ReturnPageResult byId = page.show(Map.of("payment", "pay_0000"));
    ReturnPageResult byOrder = page.show(Map.of("order", "o-unknown"));

    assertThat(byId).isInstanceOf(ReturnPageResult.NotFound.class);
    assertThat(byOrder).isInstanceOf(ReturnPageResult.NotFound.class);
    assertThat(byId.httpStatus()).isEqualTo(404);
    assertThat(byId.payment()).isEmpty();
    assertThat(byId.message().title()).isEqualTo("Payment not found");
  }

  @Test
  void a_payment_id_with_an_order_it_does_not_belong_to_is_not_found() {
    Payment payment = create("o-1", "attempt-1", BY_PAYMENT_ID);
    provider.move(payment.transactionId(), ProviderStatus.CONFIRMED, null);

    ReturnPageResult result =
        page.show(Map.of("payment", payment.id().value(), "order", "someone-elses-order"));

    assertThat(result).isInstanceOf(ReturnPageResult.NotFound.class);
    assertThat(stored(payment).state()).isEqualTo(PaymentState.STARTED);
  }

  @Test
  void a_malformed_or_missing_id_is_a_validation_answer_naming_the_parameter() {
    assertThat(page.show(Map.of("payment", "pay_\u0007")))
        .isEqualTo(invalid("payment", "control_character"));
    assertThat(page.show(Map.of("payment", "x".repeat(65))))
        .isEqualTo(invalid("payment", "too_long"));
    assertThat(page.show(Map.of("payment", ""))).isEqualTo(invalid("payment", "required"));
    assertThat(page.show(Map.of("order", "o".repeat(65)))).isEqualTo(invalid("order", "too_long"));
    assertThat(page.show(Map.of("status", "paid"))).isEqualTo(invalid("payment", "required"));
    assertThat(page.forPayment(null)).isEqualTo(invalid("payment", "required"));
    assertThat(page.show(Map.of())).satisfies(r -> assertThat(r.httpStatus()).isEqualTo(400));
  }

  @Test
  void a_placeholder_that_was_never_replaced_is_named_as_such() {
    assertThat(page.show(Map.of("payment", ReturnUrls.PAYMENT_ID_PLACEHOLDER)))
        .isEqualTo(invalid("payment", "placeholder_not_replaced"));
  }

  @Test
  void parameters_are_decoded_the_first_value_wins_and_broken_pairs_are_left_out() {
    assertThat(
            ReturnPage.parameters(
                "payment=pay_1&payment=pay_2&order=o%201&note=a+b&broken=%zz&=nameless&flag"))
        .containsOnly(
            Map.entry("payment", "pay_1"), Map.entry("order", "o 1"), Map.entry("note", "a b"));
    assertThat(ReturnPage.parameters(null)).isEmpty();
  }

  private static Invalid invalid(String field, String rule) {
    return new Invalid(field, rule);
  }

  private Payment create(String order, String attempt, ReturnUrls urls) {
    return paykit
        .create()
        .create(
            new CreatePaymentCommand(
                IdempotencyKey.derive("shop", order, attempt),
                new PaymentRequest(
                    new ExternalId(order), Money.of(1050, "EUR"), null, null, urls, null)))
        .payment();
  }

  /** The query of the success URL the provider sends the customer back to. */
  private Map<String, String> returnQuery(Payment payment) {
    URI back = provider.returnUrls(payment.transactionId()).orElseThrow().successUrl();
    return new HashMap<>(ReturnPage.parameters(back.getRawQuery()));
  }

  private Payment stored(Payment payment) {
    return memory.payments().findById(payment.id()).orElseThrow();
  }
}
