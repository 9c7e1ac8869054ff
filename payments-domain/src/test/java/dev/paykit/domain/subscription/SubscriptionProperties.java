package dev.paykit.domain.subscription;

import static dev.paykit.domain.subscription.SubscriptionFixtures.NOTICE;
import static dev.paykit.domain.subscription.SubscriptionFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentMethodId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random lives of a subscription: time passing, the scheduler's ticks (as many as it likes),
 * answers to charges, cancellations and the customer coming back on-session. Whatever happens, no
 * cycle is paid twice, nothing is charged once a cancellation took effect, and no renewal is
 * charged before its notice was sent.
 */
class SubscriptionProperties {

  enum Action {
    HOURS_PASS,
    DAYS_PASS,
    WEEKS_PASS,
    TICK,
    TICK_AGAIN,
    CHARGE_PAID,
    CHARGE_DECLINED,
    CHARGE_NEEDS_AUTHENTICATION,
    METHOD_REMOVED_DECLINE,
    OPEN_CHECKOUT,
    CHECKOUT_PAID,
    CHECKOUT_FAILED,
    CANCEL_AT_PERIOD_END,
    CANCEL_NOW
  }

  @Provide
  Arbitrary<List<Action>> lives() {
    return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(120);
  }

  @Provide
  Arbitrary<DunningPolicy> policies() {
    return Arbitraries.of(
        DunningPolicy.DEFAULT,
        new DunningPolicy(List.of(Duration.ofDays(2)), DunningPolicy.Exhaustion.UNPAID),
        new DunningPolicy(List.of(), DunningPolicy.Exhaustion.CANCELLED));
  }

  /** The world around one subscription, checking the invariants at every step. */
  private static final class Life {
    Subscription s;
    Instant now = T0;
    int payments;
    final Map<Long, Integer> paidPerCycle = new HashMap<>();
    final Set<Long> noticed = new HashSet<>();
    final Set<IdempotencyKey> keys = new HashSet<>();
    boolean cancelled;

    Life(DunningPolicy dunning) {
      s = SubscriptionFixtures.pending(new SubscriptionTerms(NOTICE, dunning));
      s = s.signUpPaid(new PaymentMethodId("pm_0"), now).subscription();
      paidPerCycle.put(1L, 1);
    }

    PaymentId nextPayment() {
      return new PaymentId("pay_" + payments++);
    }

    void apply(SubscriptionStep step) {
      assertThat(step.before()).isEqualTo(s);
      SubscriptionHistoryEntry entry = step.entry();
      assertThat(entry.sequence()).isEqualTo(s.version() + 1);
      if (step.applied()) {
        long cycle = s.openCycle();
        switch (entry.event()) {
          case NOTICE_SENT -> noticed.add(cycle);
          case RENEWAL_STARTED -> {
            assertThat(cancelled).as("a charge after the cancellation took effect").isFalse();
            assertThat(noticed).as("a renewal without a notice before it").contains(cycle);
            assertThat(keys.add(s.renewalKey())).as("an attempt's key used twice").isTrue();
          }
          case RENEWAL_PAID -> paidPerCycle.merge(cycle, 1, Integer::sum);
          case CANCEL_NOW, CANCEL_AT_PERIOD_END, DUNNING_EXHAUSTED_CANCELLED -> cancelled = true;
          default -> {}
        }
      }
      s = step.subscription();
      paidPerCycle.values().forEach(n -> assertThat(n).as("a cycle paid twice").isEqualTo(1));
    }

    void applyIfPresent(Optional<SubscriptionStep> step) {
      step.ifPresent(this::apply);
    }

    /** What the scheduler worker does on one pass. */
    void tick() {
      Optional<Instant> wake = s.wakeAt();
      long version = s.version();
      tickSteps();
      if (s.version() != version) {
        // The store's due query finds subscriptions by wakeAt: it must never sleep past work.
        assertThat(wake).as("work done before the subscription asked to wake").isPresent();
        assertThat(wake.get()).isBeforeOrEqualTo(now);
      }
    }

    void tickSteps() {
      applyIfPresent(s.endIfDue(now));
      applyIfPresent(s.exhaustDunningIfDue(now));
      applyIfPresent(s.noticeIfDue(now));
      applyIfPresent(s.startRenewalIfDue(nextPayment(), now));
    }

    void run(Action action) {
      switch (action) {
        case HOURS_PASS -> now = now.plus(Duration.ofHours(7));
        case DAYS_PASS -> now = now.plus(Duration.ofDays(2));
        case WEEKS_PASS -> now = now.plus(Duration.ofDays(9));
        case TICK, TICK_AGAIN -> tick();
        case CHARGE_PAID -> s.chargeInFlight().ifPresent(p -> apply(s.renewalPaid(p, now)));
        case CHARGE_DECLINED ->
            s.chargeInFlight()
                .ifPresent(p -> apply(s.renewalDeclined(p, DeclineCode.INSUFFICIENT_FUNDS, now)));
        case CHARGE_NEEDS_AUTHENTICATION ->
            s.chargeInFlight()
                .ifPresent(
                    p -> apply(s.renewalDeclined(p, DeclineCode.AUTHENTICATION_REQUIRED, now)));
        case METHOD_REMOVED_DECLINE ->
            s.chargeInFlight()
                .ifPresent(
                    p -> apply(s.renewalDeclined(p, DeclineCode.PAYMENT_METHOD_REMOVED, now)));
        case OPEN_CHECKOUT -> {
          if (s.openCheckout().isEmpty()) {
            apply(s.checkoutOpened(nextPayment(), now));
          }
        }
        case CHECKOUT_PAID ->
            s.openCheckout()
                .ifPresent(p -> apply(s.checkoutPaid(p, new PaymentMethodId("pm_" + p), now)));
        case CHECKOUT_FAILED -> s.openCheckout().ifPresent(p -> apply(s.checkoutFailed(p, now)));
        case CANCEL_AT_PERIOD_END -> apply(s.cancelAtPeriodEnd(now));
        case CANCEL_NOW -> apply(s.cancelNow(now));
      }
    }
  }

  @Property(tries = 500)
  void noCycleIsPaidTwiceNothingIsChargedAfterCancellingAndEveryRenewalHadItsNotice(
      @ForAll("lives") List<Action> life, @ForAll("policies") DunningPolicy dunning) {
    Life world = new Life(dunning);
    for (Action action : life) {
      world.run(action);
    }
  }

  @Property(tries = 200)
  void aSubscriptionLeftToTheSchedulerWithEveryChargePaidRenewsEveryCycleOnce(
      @ForAll @IntRange(min = 1, max = 30) int cycles) {
    Life world = new Life(DunningPolicy.DEFAULT);
    for (int i = 0; i < cycles * 40; i++) {
      world.now = world.now.plus(Duration.ofDays(1));
      world.tick();
      world.run(Action.CHARGE_PAID);
    }
    assertThat(world.s.state()).isEqualTo(SubscriptionState.ACTIVE);
    assertThat(world.paidPerCycle.keySet()).hasSize((int) world.s.cycle());
    assertThat(world.s.periodEnd().orElseThrow()).isAfter(world.now);
  }

  @Property
  void everyHistoryEntryOfARejectedStepKeepsTheStateAndTheCycle(
      @ForAll("lives") List<Action> life) {
    Life world = new Life(DunningPolicy.DEFAULT);
    for (Action action : life) {
      Subscription before = world.s;
      world.run(action);
      if (world.s.version() > before.version() && world.s.latest().outcome() != Outcome.APPLIED) {
        assertThat(world.s.state()).isEqualTo(before.state());
        assertThat(world.s.cycle()).isEqualTo(before.cycle());
      }
    }
  }
}
