package dev.paykit.domain.subscription;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentMethodId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

final class SubscriptionFixtures {
  static final Instant T0 = Instant.parse("2027-01-31T09:00:00Z");
  static final ZoneId ZONE = ZoneId.of("Europe/Budapest");
  static final Duration NOTICE = Duration.ofDays(7);
  static final Plan MONTHLY =
      Plan.of("Pro", Money.of(990, "EUR"), BillingInterval.of(1, BillingUnit.MONTH));
  static final PaymentMethodId METHOD = new PaymentMethodId("pm_1");

  private SubscriptionFixtures() {}

  static Subscription pending() {
    return pending(SubscriptionTerms.DEFAULT);
  }

  static Subscription pending(SubscriptionTerms terms) {
    return Subscription.signUp(
        new SubscriptionId("sub_1"),
        new CustomerId("cust-1"),
        MONTHLY,
        terms,
        ZONE,
        new PaymentId("pay_signup"),
        T0);
  }

  static Subscription active() {
    return active(SubscriptionTerms.DEFAULT);
  }

  static Subscription active(SubscriptionTerms terms) {
    return pending(terms).signUpPaid(METHOD, T0).subscription();
  }
}
