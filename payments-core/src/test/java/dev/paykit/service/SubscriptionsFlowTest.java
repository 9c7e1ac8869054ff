package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.core.flows.InMemoryPaykit;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentMethodId;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.subscription.BillingInterval;
import dev.paykit.domain.subscription.BillingUnit;
import dev.paykit.domain.subscription.Plan;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionState;
import dev.paykit.port.in.SignUpCommand;
import dev.paykit.port.in.SubscriptionCheckout;
import dev.paykit.port.in.SubscriptionStateException;
import dev.paykit.port.in.Subscriptions;
import dev.paykit.port.in.UpdatePaymentMethodCommand;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.flows.FlowClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions end to end on the in-memory stores and the fake provider: sign-up through the
 * checkout, notices, renewals through the one create path, dunning, the customer's return, and
 * cancellation, with the shop hearing of each through the outbox.
 */
class SubscriptionsFlowTest {
  private static final Plan MONTHLY =
      Plan.of("Pro", Money.of(990, "EUR"), BillingInterval.of(1, BillingUnit.MONTH));
  private static final ReturnUrls URLS =
      ReturnUrls.of("https://shop.example/sub/return", "https://shop.example/sub/cancel");

  private final FlowClock clock = new FlowClock(Instant.parse("2027-01-31T09:00:00Z"));
  private final List<OutboxEvent> shop = new CopyOnWriteArrayList<>();
  private final InMemoryPaykit paykit = new InMemoryPaykit(clock, PaykitObserver.noop(), shop::add);
  private final FakeProvider provider = paykit.provider();
  private final Subscriptions subscriptions = paykit.core().subscriptions();

  /** A subscription signed up, its checkout paid and the scheduler run: active. */
  private Subscription active(String name) {
    SubscriptionCheckout signUp =
        subscriptions.signUp(
            new SignUpCommand(
                IdempotencyKey.derive("signup", name),
                new CustomerId("cust-" + name),
                MONTHLY,
                URLS));
    assertThat(signUp.subscription().state()).isEqualTo(SubscriptionState.PENDING);
    pay(signUp.checkout().payment());
    run();
    Subscription active = find(signUp.subscription());
    assertThat(active.state()).isEqualTo(SubscriptionState.ACTIVE);
    return active;
  }

  private void pay(Payment checkout) {
    paykit.receive(provider.move(checkout.transactionId(), ProviderStatus.CONFIRMED, null));
    paykit.core().inbox().processPending(10);
    assertThat(paykit.payments().findById(checkout.id()).orElseThrow().state())
        .isEqualTo(PaymentState.SUCCEEDED);
  }

  /** The scheduler, run three times as three instances would, and the shop's events delivered. */
  private void run() {
    for (int i = 0; i < 3; i++) {
      paykit.core().runSubscriptions().runOnce();
      clock.advance(Duration.ofMinutes(2));
    }
    paykit.core().outbox().dispatchPending(100);
  }

  /** Lets {@code days} pass a day at a time, the scheduler running each day. */
  private void live(int days) {
    for (int i = 0; i < days; i++) {
      clock.advance(Duration.ofDays(1));
      run();
    }
  }

  private Subscription find(Subscription s) {
    return subscriptions.find(s.id()).orElseThrow();
  }

  private List<OutboxEventType> heard(Subscription s) {
    return shop.stream()
        .filter(e -> s.id().value().equals(e.payload().get("subscriptionId")))
        .map(OutboxEvent::type)
        .toList();
  }

  private int charges(Subscription s, long cycle, int attempt) {
    return provider.ledger().paymentsCreated(Subscription.renewalKey(s.id(), cycle, attempt));
  }

  @Test
  void a_sign_up_keeps_the_saved_method_and_renews_twice_each_after_its_notice() {
    Subscription s = active("twice");
    assertThat(s.method()).isPresent();
    assertThat(s.method().orElseThrow().value()).startsWith("pm_");

    live(60);

    Subscription renewed = find(s);
    assertThat(renewed.cycle()).isEqualTo(3);
    assertThat(charges(s, 2, 1)).isEqualTo(1);
    assertThat(charges(s, 3, 1)).isEqualTo(1);
    assertThat(heard(s))
        .containsSubsequence(
            OutboxEventType.SUBSCRIPTION_ACTIVATED,
            OutboxEventType.SUBSCRIPTION_RENEWAL_NOTICE,
            OutboxEventType.SUBSCRIPTION_RENEWED,
            OutboxEventType.SUBSCRIPTION_RENEWAL_NOTICE,
            OutboxEventType.SUBSCRIPTION_RENEWED);
    OutboxEvent notice =
        shop.stream()
            .filter(e -> e.type() == OutboxEventType.SUBSCRIPTION_RENEWAL_NOTICE)
            .findFirst()
            .orElseThrow();
    assertThat(notice.payload())
        .containsEntry("amount.value", "990")
        .containsEntry("chargeOn", "2027-02-28T09:00:00Z")
        .containsKey("cancel");
  }

  @Test
  void a_declined_renewal_is_recovered_on_the_second_dunning_retry() {
    Subscription s = active("dunning");
    PaymentMethodId method = s.method().orElseThrow();
    provider.scriptOffSession(
        method, DeclineCode.INSUFFICIENT_FUNDS, DeclineCode.DO_NOT_HONOR, null);

    live(28);
    assertThat(find(s).state()).isEqualTo(SubscriptionState.PAST_DUE);
    live(4);

    Subscription recovered = find(s);
    assertThat(recovered.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(recovered.cycle()).isEqualTo(2);
    assertThat(charges(s, 2, 1) + charges(s, 2, 2) + charges(s, 2, 3)).isEqualTo(3);
    assertThat(heard(s))
        .containsSubsequence(
            OutboxEventType.SUBSCRIPTION_PAYMENT_FAILED,
            OutboxEventType.SUBSCRIPTION_PAYMENT_FAILED,
            OutboxEventType.SUBSCRIPTION_RENEWED);
  }

  @Test
  void authentication_required_stops_retries_until_the_customer_pays_on_session() {
    Subscription s = active("sca");
    provider.scriptOffSession(s.method().orElseThrow(), DeclineCode.AUTHENTICATION_REQUIRED);
    // Due February 28; dunning would give up 7 days later, on March 7.
    live(32);

    Subscription waiting = find(s);
    assertThat(waiting.state()).isEqualTo(SubscriptionState.PAST_DUE);
    assertThat(waiting.customerActionRequired()).isTrue();
    assertThat(charges(s, 2, 2)).isZero();
    assertThat(heard(s)).contains(OutboxEventType.SUBSCRIPTION_ACTION_REQUIRED);

    SubscriptionCheckout back =
        subscriptions.updatePaymentMethod(
            new UpdatePaymentMethodCommand(s.id(), IdempotencyKey.of("back-sca"), URLS));
    pay(back.checkout().payment());
    run();

    Subscription active = find(s);
    assertThat(active.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(active.cycle()).isEqualTo(2);
    assertThat(active.method()).isNotEqualTo(s.method());
  }

  @Test
  void a_subscription_cancelled_at_period_end_is_never_charged_again_and_ends() {
    Subscription s = active("cancel");
    subscriptions.cancel(s.id(), Subscriptions.CancelMode.AT_PERIOD_END);

    live(70);

    assertThat(find(s).state()).isEqualTo(SubscriptionState.ENDED);
    assertThat(charges(s, 2, 1)).isZero();
    assertThat(heard(s))
        .doesNotContain(OutboxEventType.SUBSCRIPTION_RENEWAL_NOTICE)
        .contains(OutboxEventType.SUBSCRIPTION_ENDED);
  }

  @Test
  void a_removed_method_needs_the_customer_and_dunning_cancels_when_they_do_not_come() {
    Subscription s = active("removed");
    provider.removeMethod(s.method().orElseThrow());

    live(40);

    Subscription cancelled = find(s);
    assertThat(cancelled.state()).isIn(SubscriptionState.CANCELLED, SubscriptionState.ENDED);
    assertThat(charges(s, 2, 1)).isEqualTo(1);
    assertThat(charges(s, 2, 2)).isZero();
    assertThat(heard(s))
        .containsSubsequence(
            OutboxEventType.SUBSCRIPTION_ACTION_REQUIRED, OutboxEventType.SUBSCRIPTION_CANCELLED);
  }

  @Test
  void a_renewal_whose_answer_was_lost_is_finished_by_the_reconciler_with_its_key() {
    Subscription s = active("lost");
    live(27);
    provider.failNext(
        FakeProvider.Operation.CREATE_PAYMENT, FakeProvider.Fault.timeoutAfterActing());
    live(1);
    Subscription waiting = find(s);
    assertThat(waiting.chargeInFlight()).isPresent();
    assertThat(paykit.payments().findById(waiting.chargeInFlight().get()).orElseThrow().state())
        .isEqualTo(PaymentState.SUBMITTED);

    clock.advance(Duration.ofMinutes(5));
    paykit.core().reconcile().reconcile();
    run();

    assertThat(find(s).cycle()).isEqualTo(2);
    assertThat(charges(s, 2, 1)).isEqualTo(1);
  }

  @Test
  void the_same_sign_up_key_answers_the_same_subscription_and_checkout() {
    SignUpCommand command =
        new SignUpCommand(IdempotencyKey.of("signup-again"), new CustomerId("c"), MONTHLY, URLS);
    SubscriptionCheckout first = subscriptions.signUp(command);
    SubscriptionCheckout again = subscriptions.signUp(command);

    assertThat(again.subscription().id()).isEqualTo(first.subscription().id());
    assertThat(again.checkout().payment().id()).isEqualTo(first.checkout().payment().id());
  }

  @Test
  void an_active_subscription_has_nothing_open_to_pay_on_session() {
    Subscription s = active("nothing-open");
    assertThatThrownBy(
            () ->
                subscriptions.updatePaymentMethod(
                    new UpdatePaymentMethodCommand(s.id(), IdempotencyKey.of("k"), URLS)))
        .isInstanceOf(SubscriptionStateException.class)
        .hasMessageContaining("ACTIVE");
  }
}
