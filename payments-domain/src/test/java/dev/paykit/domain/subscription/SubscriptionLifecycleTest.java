package dev.paykit.domain.subscription;

import static dev.paykit.domain.subscription.SubscriptionFixtures.METHOD;
import static dev.paykit.domain.subscription.SubscriptionFixtures.NOTICE;
import static dev.paykit.domain.subscription.SubscriptionFixtures.T0;
import static dev.paykit.domain.subscription.SubscriptionFixtures.active;
import static dev.paykit.domain.subscription.SubscriptionFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentMethodId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SubscriptionLifecycleTest {

  private static final PaymentId CHARGE = new PaymentId("pay_r1");

  /** Active, notice sent, first renewal attempt in flight. */
  private static Subscription renewing() {
    return renewing(SubscriptionTerms.DEFAULT);
  }

  private static Subscription renewing(SubscriptionTerms terms) {
    Subscription s = active(terms);
    Instant due = s.periodEnd().orElseThrow();
    s = s.noticeIfDue(due.minus(NOTICE)).orElseThrow().subscription();
    return s.startRenewalIfDue(CHARGE, due).orElseThrow().subscription();
  }

  @Test
  void everyStateHasARuleForEveryEvent() {
    for (SubscriptionState state : SubscriptionState.values()) {
      for (SubscriptionEvent event : SubscriptionEvent.values()) {
        assertThat(SubscriptionLifecycle.rule(state, event)).as(state + " " + event).isNotNull();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SubscriptionEvent.class)
  void nothingMovesAnEndedSubscription(SubscriptionEvent event) {
    assertThat(SubscriptionLifecycle.rule(SubscriptionState.ENDED, event))
        .isInstanceOf(SubscriptionLifecycle.Rule.Keep.class);
  }

  @Test
  void aPaidSignUpStartsTheFirstPeriodWithTheSavedMethod() {
    Subscription s = active();
    assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(s.cycle()).isEqualTo(1);
    assertThat(s.method()).contains(METHOD);
    assertThat(s.periodEnd()).contains(Instant.parse("2027-02-28T09:00:00Z"));
  }

  @Test
  void aPlanWithATrialStartsTrialingAndIsFirstChargedAtTheTrialsEnd() {
    Plan trial =
        new Plan(
            "Pro",
            Money.of(990, "EUR"),
            BillingInterval.of(1, BillingUnit.MONTH),
            BillingInterval.of(14, BillingUnit.DAY));
    Subscription s =
        Subscription.signUp(
                new SubscriptionId("sub_t"),
                pending().customer(),
                trial,
                SubscriptionTerms.DEFAULT,
                SubscriptionFixtures.ZONE,
                new PaymentId("pay_t"),
                T0)
            .signUpPaid(METHOD, T0)
            .subscription();
    assertThat(s.state()).isEqualTo(SubscriptionState.TRIALING);
    assertThat(s.cycle()).isZero();
    assertThat(s.periodEnd()).contains(T0.plus(Duration.ofDays(14)));
  }

  @Test
  void theNoticeComesNDaysBeforeTheChargeAndOnlyOnce() {
    Subscription s = active();
    Instant due = s.periodEnd().orElseThrow();
    assertThat(s.noticeIfDue(due.minus(NOTICE).minusSeconds(1))).isEmpty();
    Subscription noticed = s.noticeIfDue(due.minus(NOTICE)).orElseThrow().subscription();
    assertThat(noticed.noticedCycle()).isEqualTo(2);
    assertThat(noticed.noticeIfDue(due)).isEmpty();
  }

  @Test
  void noRenewalStartsBeforeItsNoticeWasSent() {
    Subscription s = active();
    assertThat(s.startRenewalIfDue(CHARGE, s.periodEnd().orElseThrow())).isEmpty();
  }

  @Test
  void aPaidRenewalAdvancesTheCycleAndTheKeyOfEachAttemptDiffers() {
    Subscription s = renewing();
    assertThat(s.renewalKey()).isEqualTo(Subscription.renewalKey(s.id(), 2, 2));
    Subscription paid = s.renewalPaid(CHARGE, s.periodEnd().orElseThrow()).subscription();
    assertThat(paid.cycle()).isEqualTo(2);
    assertThat(paid.chargeInFlight()).isEmpty();
    // 10:00 in Budapest both times; summer time started in between.
    assertThat(paid.periodEnd()).contains(Instant.parse("2027-03-31T08:00:00Z"));
    assertThat(Subscription.renewalKey(s.id(), 2, 1))
        .isNotEqualTo(Subscription.renewalKey(s.id(), 3, 1));
  }

  @Test
  void aDeclineMakesItPastDueAndDunningRetriesOnItsSchedule() {
    Subscription s = renewing();
    Instant due = s.periodEnd().orElseThrow();
    Subscription declined =
        s.renewalDeclined(CHARGE, DeclineCode.INSUFFICIENT_FUNDS, due).subscription();
    assertThat(declined.state()).isEqualTo(SubscriptionState.PAST_DUE);
    assertThat(declined.nextChargeAt()).contains(due.plus(Duration.ofDays(1)));
    assertThat(declined.startRenewalIfDue(new PaymentId("pay_r2"), due.plusSeconds(3600)))
        .isEmpty();
    Subscription retrying =
        declined
            .startRenewalIfDue(new PaymentId("pay_r2"), due.plus(Duration.ofDays(1)))
            .orElseThrow()
            .subscription();
    Subscription recovered =
        retrying.renewalPaid(new PaymentId("pay_r2"), due.plus(Duration.ofDays(1))).subscription();
    assertThat(recovered.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(recovered.cycle()).isEqualTo(2);
  }

  @Test
  void dunningGivesUpAfterTheLastRetryAsConfigured() {
    DunningPolicy unpaid =
        new DunningPolicy(List.of(Duration.ofDays(1)), DunningPolicy.Exhaustion.UNPAID);
    Subscription s = renewing(new SubscriptionTerms(NOTICE, unpaid));
    Instant due = s.periodEnd().orElseThrow();
    s = s.renewalDeclined(CHARGE, DeclineCode.DO_NOT_HONOR, due).subscription();
    PaymentId retry = new PaymentId("pay_r2");
    s = s.startRenewalIfDue(retry, due.plus(Duration.ofDays(1))).orElseThrow().subscription();
    s =
        s.renewalDeclined(retry, DeclineCode.DO_NOT_HONOR, due.plus(Duration.ofDays(1)))
            .subscription();
    assertThat(s.nextChargeAt()).isEmpty();
    SubscriptionStep exhausted = s.exhaustDunningIfDue(due.plus(Duration.ofDays(1))).orElseThrow();
    assertThat(exhausted.subscription().state()).isEqualTo(SubscriptionState.UNPAID);
  }

  @Test
  void authenticationRequiredStopsOffSessionRetriesUntilTheCustomerPaysOnSession() {
    Subscription s = renewing();
    Instant due = s.periodEnd().orElseThrow();
    s = s.renewalDeclined(CHARGE, DeclineCode.AUTHENTICATION_REQUIRED, due).subscription();
    assertThat(s.customerActionRequired()).isTrue();
    assertThat(s.nextChargeAt()).isEmpty();
    PaymentId checkout = new PaymentId("pay_checkout");
    s = s.checkoutOpened(checkout, due).subscription();
    Subscription back = s.checkoutPaid(checkout, new PaymentMethodId("pm_2"), due).subscription();
    assertThat(back.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(back.cycle()).isEqualTo(2);
    assertThat(back.method().orElseThrow().value()).isEqualTo("pm_2");
    assertThat(back.customerActionRequired()).isFalse();
  }

  @Test
  void cancellingAtPeriodEndChargesNothingMoreAndEndsWhenThePeriodRunsOut() {
    Subscription s = active().cancelAtPeriodEnd(T0).subscription();
    Instant due = s.periodEnd().orElseThrow();
    assertThat(s.noticeIfDue(due)).isEmpty();
    assertThat(s.nextChargeAt()).isEmpty();
    assertThat(s.endIfDue(due.minusSeconds(1))).isEmpty();
    assertThat(s.endIfDue(due).orElseThrow().subscription().state())
        .isEqualTo(SubscriptionState.ENDED);
  }

  @Test
  void aChargeAnswerForAnotherPaymentIsRejectedAndKeptInTheHistory() {
    Subscription s = renewing();
    SubscriptionStep step = s.renewalPaid(new PaymentId("pay_other"), T0);
    assertThat(step.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(step.subscription().cycle()).isEqualTo(1);
    assertThat(step.subscription().version()).isEqualTo(s.version() + 1);
  }

  @Test
  void aFailedSignUpEndsThePendingSubscription() {
    assertThat(pending().signUpFailed("declined", T0).subscription().state())
        .isEqualTo(SubscriptionState.ENDED);
  }
}
