package dev.paykit.adapter.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.stripefake.FakeStripe;
import dev.paykit.stripefake.FakeStripeFaults.Route;
import dev.paykit.testkit.PaymentSamples;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Stripe-Should-Retry} decides over the status: false stops a retry, true causes one. */
class StripeShouldRetryTest {
  private FakeStripe stripe;
  private StripeGateway gateway;

  @BeforeEach
  void start() {
    stripe = FakeStripe.start();
    gateway =
        StripeGatewayContractTest.gateway(
            StripeGatewayContractTest.settings(stripe, 3, Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  @Test
  void should_retry_false_on_a_server_error_stops_the_retry_and_the_outcome_is_unknown() {
    stripe.faults().answer(Route.CREATE_PAYMENT_INTENT, 5, 500, "api_error", null, false, null);

    ProviderResult<ProviderPayment> result = create("false-500");

    assertThat(stripe.faults().attempts(Route.CREATE_PAYMENT_INTENT, "false-500")).isOne();
    assertThat(result).isInstanceOf(ProviderResult.Unknown.class);
  }

  @Test
  void should_retry_false_on_a_rate_limit_stops_the_retry_and_nothing_was_done() {
    stripe
        .faults()
        .answer(
            Route.CREATE_PAYMENT_INTENT,
            5,
            429,
            "invalid_request_error",
            "rate_limit",
            false,
            null);

    ProviderResult<ProviderPayment> result = create("false-429");

    assertThat(stripe.faults().attempts(Route.CREATE_PAYMENT_INTENT, "false-429")).isOne();
    assertThat(result).isInstanceOf(ProviderResult.Unavailable.class);
    assertThat(stripe.paymentIntents()).isEmpty();
  }

  @Test
  void should_retry_true_on_a_400_causes_a_retry_that_succeeds() {
    stripe
        .faults()
        .answer(
            Route.CREATE_PAYMENT_INTENT,
            1,
            400,
            "invalid_request_error",
            "lock_timeout",
            true,
            null);

    ProviderResult<ProviderPayment> result = create("true-400");

    assertThat(stripe.faults().attempts(Route.CREATE_PAYMENT_INTENT, "true-400")).isEqualTo(2);
    assertThat(result).isInstanceOf(ProviderResult.Success.class);
    assertThat(stripe.paymentIntents()).hasSize(1);
  }

  @Test
  void without_the_header_a_400_is_final_and_sent_once() {
    stripe
        .faults()
        .answer(
            Route.CREATE_PAYMENT_INTENT,
            1,
            400,
            "invalid_request_error",
            "parameter_invalid",
            null,
            null);

    ProviderResult<ProviderPayment> result = create("none-400");

    assertThat(stripe.faults().attempts(Route.CREATE_PAYMENT_INTENT, "none-400")).isOne();
    assertThat(result).isInstanceOf(ProviderResult.Rejected.class);
  }

  private ProviderResult<ProviderPayment> create(String key) {
    return gateway.createPayment(PaymentSamples.request("order-" + key), IdempotencyKey.of(key));
  }
}
