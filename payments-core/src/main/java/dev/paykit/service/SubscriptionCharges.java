package dev.paykit.service;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.Charging;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionId;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.CreatePaymentResult;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.Stores;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * The payments of subscriptions, all made through the one create path: the sign-up checkout, the
 * off-session renewals and the on-session checkout of an open amount. Every such payment's id is
 * derived from its idempotency key, so that the subscription can name a charge before it is sent
 * and whoever finishes it (a retry, another instance, the reconciler) finds the same payment.
 */
final class SubscriptionCharges {

  /**
   * An off-session charge has no checkout, so no URLs reach the provider; the payment record still
   * wants a pair, and these say plainly that there is nothing to return to.
   */
  static final ReturnUrls OFF_SESSION =
      ReturnUrls.of("https://off-session.invalid/return", "https://off-session.invalid/cancel");

  private final CreatePaymentService payments;
  private final PaymentStore stored;

  @Inject
  SubscriptionCharges(CreatePaymentService payments, Stores stores) {
    this.payments = payments;
    this.stored = stores.payments();
  }

  /** The payment id that stands for {@code key}. */
  static PaymentId paymentIdFor(IdempotencyKey key) {
    String digest = IdempotencyKey.derive("subscription-payment", key.value()).value();
    // derive() answers "pk_" and 64 hex digits; 32 of them are as unique as a random id.
    return new PaymentId("pay_" + digest.substring(3, 35));
  }

  /** The subscription a sign-up with {@code key} creates. */
  static SubscriptionId subscriptionIdFor(IdempotencyKey key) {
    return new SubscriptionId("sub_" + paymentIdFor(key).value().substring(4));
  }

  /** The order a cycle's payments are for: one paid payment per cycle. */
  static ExternalId cycleOrder(Subscription s) {
    return new ExternalId(s.id().value() + "-c" + s.openCycle());
  }

  CreatePaymentResult signUpCheckout(Subscription s, IdempotencyKey key, ReturnUrls urls) {
    PaymentRequest request =
        request(new ExternalId(s.id().value()), s, urls)
            .chargedBy(new Charging.CheckoutSavingMethod(s.customer()));
    return payments.create(
        new CreatePaymentCommand(key, request), s.signUpPayment(), Optional.empty());
  }

  /** The off-session charge in flight, sent (or sent again) with its derived key. */
  CreatePaymentResult renewal(Subscription s) {
    PaymentRequest request =
        request(cycleOrder(s), s, OFF_SESSION)
            .chargedBy(new Charging.OffSession(s.customer(), s.method().orElseThrow()));
    return payments.create(
        new CreatePaymentCommand(s.chargeKey(), request),
        s.chargeInFlight().orElseThrow(),
        Optional.of(providerOf(s)));
  }

  /** The on-session checkout of the open amount, which also saves the customer's new method. */
  CreatePaymentResult openAmountCheckout(Subscription s, IdempotencyKey key, ReturnUrls urls) {
    PaymentRequest request =
        request(cycleOrder(s), s, urls).chargedBy(new Charging.CheckoutSavingMethod(s.customer()));
    return payments.create(
        new CreatePaymentCommand(key, request), paymentIdFor(key), Optional.of(providerOf(s)));
  }

  /**
   * Where the subscription's customer and saved methods are: the provider its sign-up was paid at.
   * Every later charge goes there, so a renewal charges the method at the provider that saved it.
   */
  private ProviderName providerOf(Subscription s) {
    return stored
        .findById(s.signUpPayment())
        .map(Payment::provider)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "subscription "
                        + s.id()
                        + "'s sign-up payment "
                        + s.signUpPayment()
                        + " is not stored"));
  }

  private static PaymentRequest request(ExternalId order, Subscription s, ReturnUrls urls) {
    return new PaymentRequest(
        order,
        s.plan().price(),
        s.plan().name(),
        Metadata.of(
            Map.of("subscriptionId", s.id().value(), "cycle", Long.toString(s.openCycle()))),
        urls,
        null);
  }
}
