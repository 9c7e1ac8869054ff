package dev.paykit.adapter.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.PaymentLifecycle;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.stripefake.FakeStripe;
import dev.paykit.testkit.PaymentSamples;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each PaymentIntent status in Paykit's words, as the mapping's javadoc promises. */
class StripeStatusMappingTest {

  @ParameterizedTest(name = "{0} {1} is {2} ({3})")
  @CsvSource(
      nullValues = "-",
      value = {
        "requires_payment_method, -, STARTED, STARTED",
        "requires_confirmation, -, STARTED, STARTED",
        "requires_action, -, IN_PROGRESS, IN_PROGRESS",
        "processing, -, IN_PROGRESS, IN_PROGRESS",
        "requires_capture, -, IN_PROGRESS, IN_PROGRESS",
        "succeeded, -, CONFIRMED, SUCCEEDED",
        "canceled, abandoned, EXPIRED, EXPIRED",
        "canceled, requested_by_customer, CANCELLED, CANCELLED",
        "canceled, duplicate, CANCELLED, CANCELLED",
        "canceled, -, CANCELLED, CANCELLED",
        "canceled, fraudulent, DECLINED, FAILED",
      })
  void each_status_maps_to_its_provider_status_and_local_state(
      String status, String reason, ProviderStatus expected, PaymentState local) {
    ProviderPayment payment = intent(status, reason, null).toPayment(null);

    assertThat(payment.status()).isEqualTo(expected);
    assertThat(PaymentLifecycle.localStateOf(payment.status(), payment.failure())).isEqualTo(local);
  }

  @Test
  void a_decline_back_at_requires_payment_method_is_declined_with_its_code() {
    Map<String, Object> error =
        Map.of("type", "card_error", "code", "card_declined", "decline_code", "insufficient_funds");

    ProviderPayment payment = intent("requires_payment_method", null, error).toPayment(null);

    assertThat(payment.status()).isEqualTo(ProviderStatus.DECLINED);
    assertThat(payment.failure().reason()).isEqualTo(FailureReason.DECLINED);
    assertThat(payment.failure().declineCode()).isEqualTo(DeclineCode.INSUFFICIENT_FUNDS);
  }

  @Test
  void a_decline_without_a_decline_code_keeps_the_errors_code() {
    Map<String, Object> error = Map.of("type", "card_error", "code", "expired_card");

    ProviderPayment payment = intent("requires_payment_method", null, error).toPayment(null);

    assertThat(payment.failure().declineCode()).isEqualTo(DeclineCode.EXPIRED_CARD);
  }

  @Test
  void an_unknown_status_is_unreadable_naming_the_field() {
    byte[] event =
        json(
            Map.of(
                "id",
                "evt_1",
                "type",
                "payment_intent.updated",
                "data",
                Map.of("object", fields("paused", null, null))));

    assertThatThrownBy(() -> StripeJson.event(event, StripeJson.Intent.class))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("data.object.status");
  }

  @Test
  void the_order_and_the_checkout_page_come_back_and_the_reserved_key_does_not() {
    ProviderPayment payment =
        intent("requires_payment_method", null, null)
            .toPayment(URI.create("https://shop.example/pay"));

    assertThat(payment.externalId().value()).isEqualTo("order-1");
    assertThat(payment.metadata().entries()).containsExactly(Map.entry("cartId", "c-19"));
    assertThat(payment.checkoutUrl())
        .isEqualTo(URI.create("https://shop.example/pay?payment_intent=pi_1"));
  }

  @Test
  void an_intent_waiting_for_the_customer_to_authenticate_is_looked_up_in_progress() {
    try (FakeStripe stripe = FakeStripe.start()) {
      StripeGateway gateway =
          StripeGatewayContractTest.gateway(
              StripeGatewayContractTest.settings(stripe, 2, Duration.ofSeconds(2)));
      TransactionId tx =
          ((ProviderResult.Success<ProviderPayment>)
                  gateway.createPayment(
                      PaymentSamples.request("order-action"),
                      dev.paykit.domain.idempotency.IdempotencyKey.of("action-1")))
              .value()
              .transactionId();

      stripe.requireAction(tx.value());

      ProviderResult<ProviderPayment> found = gateway.getPayment(tx);
      assertThat(found).isInstanceOf(ProviderResult.Success.class);
      assertThat(((ProviderResult.Success<ProviderPayment>) found).value().status())
          .isEqualTo(ProviderStatus.IN_PROGRESS);
    }
  }

  private static StripeJson.Intent intent(String status, String reason, Map<String, Object> error) {
    return StripeJson.read(json(fields(status, reason, error)), StripeJson.Intent.class);
  }

  private static byte[] json(Object value) {
    try {
      return StripeJson.MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An intent as Stripe writes it, with the fields the mapping reads. */
  private static Map<String, Object> fields(
      String status, String reason, Map<String, Object> error) {
    Map<String, Object> intent = new HashMap<>();
    intent.put("id", "pi_1");
    intent.put("object", "payment_intent");
    intent.put("amount", 1050);
    intent.put("currency", "eur");
    intent.put("status", status);
    intent.put("metadata", Map.of("cartId", "c-19", StripeJson.EXTERNAL_ID, "order-1"));
    intent.put("created", 1_700_000_000L);
    intent.put("cancellation_reason", reason);
    intent.put("last_payment_error", error);
    return intent;
  }
}
