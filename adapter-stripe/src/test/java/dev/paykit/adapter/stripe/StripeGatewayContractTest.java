package dev.paykit.adapter.stripe;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.Secret;
import dev.paykit.stripefake.FakeStripe;
import dev.paykit.stripefake.FakeStripeFaults.Route;
import dev.paykit.testkit.ProviderCharges;
import dev.paykit.testkit.ProviderControl;
import dev.paykit.testkit.ProviderFaults;
import dev.paykit.testkit.ProviderGatewayContract;
import dev.paykit.transport.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The gateway contract, against the project's fake Stripe with its own fault hooks. */
class StripeGatewayContractTest extends ProviderGatewayContract {
  private static FakeStripe stripe;
  private static StripeGateway gateway;

  @BeforeAll
  static void startStripe() {
    stripe = FakeStripe.start();
    gateway = gateway(settings(stripe, 3, Duration.ofSeconds(2)));
  }

  @AfterAll
  static void stopStripe() {
    stripe.close();
  }

  /** A gateway on the system clock that reports to no observer. */
  static StripeGateway gateway(StripeSettings settings) {
    return new StripeGateway(settings, PaykitObserver.noop(), Clock.systemUTC());
  }

  /** Settings for the fake: its key and secret, its payment page, short attempts. */
  static StripeSettings settings(FakeStripe stripe, int attempts, Duration timeout) {
    return new StripeSettings(
        stripe.baseUri(),
        stripe.baseUri(),
        Secret.of(stripe.config().apiKey()),
        stripe.config().webhookSecrets().stream().map(Secret::of).toList(),
        stripe.baseUri().resolve("/checkout"),
        timeout,
        new RetryPolicy(
            attempts, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(30)));
  }

  @Override
  protected ProviderGateway gateway() {
    return gateway;
  }

  @Override
  protected ProviderControl control() {
    return new ProviderControl() {
      @Override
      public void confirm(TransactionId transactionId) {
        stripe.succeed(transactionId.value());
      }

      @Override
      public void decline(TransactionId transactionId, DeclineCode code) {
        stripe.decline(transactionId.value(), code.value());
      }

      @Override
      public void cancel(TransactionId transactionId) {
        stripe.cancel(transactionId.value());
      }

      @Override
      public void expire(TransactionId transactionId) {
        stripe.abandon(transactionId.value());
      }
    };
  }

  @Override
  protected ProviderFaults faults() {
    return new ProviderFaults() {
      @Override
      public void dropAnswerAfterActing(Call call, int attempts) {
        stripe.faults().dropAnswerAfterActing(route(call), attempts);
      }

      @Override
      public void closeAfterActing(Call call, int attempts) {
        stripe.faults().closeAfterActing(route(call), attempts);
      }

      @Override
      public void refuseBeforeActing(Call call, int attempts) {
        stripe.faults().refuseBeforeActing(route(call), attempts);
      }

      @Override
      public void rateLimit(Call call, int attempts, Duration retryAfter) {
        stripe.faults().rateLimit(route(call), attempts, retryAfter);
      }

      @Override
      public void serverError(Call call, int attempts, int status) {
        stripe.faults().serverError(route(call), attempts, status);
      }

      @Override
      public void slowBody(Call call, int attempts, Duration bodyTime) {
        stripe.faults().slowBody(route(call), attempts, bodyTime);
      }

      @Override
      public void clear() {
        stripe.faults().clear();
      }

      @Override
      public int attempts(Call call, IdempotencyKey key) {
        return stripe.faults().attempts(route(call), key.value());
      }

      private Route route(Call call) {
        return switch (call) {
          case CREATE_PAYMENT -> Route.CREATE_PAYMENT_INTENT;
          case CREATE_REFUND -> Route.CREATE_REFUND;
        };
      }
    };
  }

  @Override
  protected ProviderCharges charges() {
    return new ProviderCharges() {
      @Override
      public int paymentsCreated(ExternalId order) {
        List<FakeStripe.PaymentIntent> intents = stripe.paymentIntents();
        return (int)
            intents.stream()
                .filter(pi -> order.value().equals(pi.metadata().get("paykit_external_id")))
                .count();
      }

      @Override
      public int refundsCreated(TransactionId payment) {
        return (int)
            stripe.refunds().stream()
                .filter(refund -> refund.paymentIntent().equals(payment.value()))
                .count();
      }
    };
  }
}
