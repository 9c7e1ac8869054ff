package dev.paykit.testkit;

import static dev.paykit.testkit.ConflictAssertions.assertConflict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.CustomerId;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentMethodId;
import dev.paykit.domain.subscription.BillingInterval;
import dev.paykit.domain.subscription.BillingUnit;
import dev.paykit.domain.subscription.DunningPolicy;
import dev.paykit.domain.subscription.Plan;
import dev.paykit.domain.subscription.Subscription;
import dev.paykit.domain.subscription.SubscriptionHistoryEntry;
import dev.paykit.domain.subscription.SubscriptionId;
import dev.paykit.domain.subscription.SubscriptionState;
import dev.paykit.domain.subscription.SubscriptionStep;
import dev.paykit.domain.subscription.SubscriptionTerms;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.testkit.Concurrently.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link SubscriptionStore}. An implementation's test extends this class
 * and supplies an empty store per test with {@link #newStore()}; a store shared by several
 * processes also overrides {@link #secondInstance()}, and the claim and write races then run across
 * the two.
 */
public abstract class SubscriptionStoreContract {
  protected static final Instant T0 = Instant.parse("2027-01-31T09:15:30.123456Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Budapest");
  private static final Duration CLAIM = Duration.ofSeconds(30);
  private static final Plan MONTHLY =
      Plan.of("Pro", Money.of(990, "EUR"), BillingInterval.of(1, BillingUnit.MONTH));
  private static final Plan WEEKLY_WITH_TRIAL =
      new Plan(
          "Weekly",
          Money.of(1200, "HUF"),
          BillingInterval.of(2, BillingUnit.WEEK),
          BillingInterval.of(10, BillingUnit.DAY));
  private static final SubscriptionTerms CUSTOM_TERMS =
      new SubscriptionTerms(
          Duration.ofDays(3),
          new DunningPolicy(
              List.of(Duration.ofHours(12), Duration.ofDays(2)), DunningPolicy.Exhaustion.UNPAID));

  private SubscriptionStore store;
  private SubscriptionStore second;

  /** A store holding no subscriptions, called before every test. */
  protected abstract SubscriptionStore newStore();

  /**
   * Another instance over the same data as the store {@link #newStore()} just returned, as a second
   * process would have it. Called right after {@code newStore()}; the default is that same store.
   */
  protected SubscriptionStore secondInstance() {
    return store;
  }

  @BeforeEach
  final void createStores() {
    store = newStore();
    second = secondInstance();
  }

  private static Subscription pending(String id, Plan plan, SubscriptionTerms terms) {
    return Subscription.signUp(
        new SubscriptionId(id),
        new CustomerId("cust-" + id),
        plan,
        terms,
        ZONE,
        new PaymentId("pay_signup_" + id),
        T0);
  }

  /** Stores {@code s} signed up and paid: active, its notice due a week before February 28. */
  private Subscription active(String id) {
    Subscription s = pending(id, MONTHLY, SubscriptionTerms.DEFAULT);
    store.insert(s);
    return written(s.signUpPaid(new PaymentMethodId("pm_" + id), T0));
  }

  private Subscription written(SubscriptionStep step) {
    assertThat(store.write(step, step.before().version())).isTrue();
    return step.subscription();
  }

  @Test
  void a_signed_up_subscription_is_stored_with_its_first_timeline_entry() {
    Subscription s = pending("sub_1", MONTHLY, SubscriptionTerms.DEFAULT);

    store.insert(s);

    assertThat(second.findById(s.id())).contains(s);
    assertThat(second.history(s.id())).containsExactly(s.latest());
    assertThat(second.findById(new SubscriptionId("sub_unknown"))).isEmpty();
    assertThat(second.history(new SubscriptionId("sub_unknown"))).isEmpty();
  }

  @Test
  void a_subscription_id_is_stored_once() {
    store.insert(pending("sub_1", MONTHLY, SubscriptionTerms.DEFAULT));

    assertConflict(
        () -> second.insert(pending("sub_1", WEEKLY_WITH_TRIAL, CUSTOM_TERMS)),
        StoreConflictException.Kind.DUPLICATE_ID);
    assertThat(store.findById(new SubscriptionId("sub_1")).orElseThrow().plan()).isEqualTo(MONTHLY);
  }

  @Test
  void every_field_survives_the_round_trip_through_a_life_of_steps() {
    Subscription s = pending("sub_t", WEEKLY_WITH_TRIAL, CUSTOM_TERMS);
    store.insert(s);
    s = written(s.signUpPaid(new PaymentMethodId("pm_1"), T0));
    Instant due = s.periodEnd().orElseThrow();
    s = written(s.noticeIfDue(due).orElseThrow());
    s = written(s.startRenewalIfDue(new PaymentId("pay_r1"), due).orElseThrow());
    s =
        written(
            s.renewalDeclined(new PaymentId("pay_r1"), DeclineCode.AUTHENTICATION_REQUIRED, due));
    s = written(s.checkoutOpened(new PaymentId("pay_back"), due.plusSeconds(60)));

    Subscription stored = second.findById(s.id()).orElseThrow();
    assertThat(stored).isEqualTo(s);
    assertThat(stored.state()).isEqualTo(SubscriptionState.PAST_DUE);
    assertThat(stored.customerActionRequired()).isTrue();
    assertThat(stored.openCheckout()).contains(new PaymentId("pay_back"));
    assertThat(stored.terms()).isEqualTo(CUSTOM_TERMS);
    List<SubscriptionHistoryEntry> history = second.history(s.id());
    assertThat(history).hasSize(6);
    assertThat(history.get(history.size() - 1)).isEqualTo(s.latest());
    assertThat(history)
        .extracting(SubscriptionHistoryEntry::sequence)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void a_step_written_on_a_version_that_moved_on_writes_nothing() {
    Subscription s = active("sub_1");
    SubscriptionStep first = s.cancelAtPeriodEnd(T0.plusSeconds(1));
    SubscriptionStep rival = s.cancelNow(T0.plusSeconds(2));

    assertThat(store.write(first, s.version())).isTrue();
    assertThat(second.write(rival, s.version())).isFalse();

    assertThat(store.findById(s.id())).contains(first.subscription());
    assertThat(store.history(s.id())).hasSize(3).last().isEqualTo(first.entry());
  }

  @Test
  void of_two_instances_writing_the_same_version_exactly_one_wins() {
    Subscription s = active("sub_1");
    List<SubscriptionStep> steps =
        List.of(s.cancelAtPeriodEnd(T0.plusSeconds(1)), s.cancelNow(T0.plusSeconds(1)));

    List<Attempt<Boolean>> attempts =
        Concurrently.run(2, i -> () -> (i == 0 ? store : second).write(steps.get(i), s.version()));

    assertThat(attempts).allMatch(Attempt::succeeded);
    assertThat(attempts.stream().filter(Attempt::value)).hasSize(1);
    assertThat(store.history(s.id())).hasSize(3);
  }

  @Test
  void only_subscriptions_whose_work_is_due_are_claimed_soonest_first() {
    Subscription early = active("sub_early");
    Subscription late = written(active("sub_late").cancelAtPeriodEnd(T0.plusSeconds(1)));
    store.insert(pending("sub_pending", MONTHLY, SubscriptionTerms.DEFAULT));
    Instant noticeDue = early.noticeDueAt().orElseThrow();

    assertThat(store.claimDue(T0.minusSeconds(1), CLAIM, 10)).isEmpty();
    assertThat(ids(store.claimDue(T0, CLAIM, 10))).containsExactly("sub_pending");
    // Claims ran out long ago and nothing was written: what was due is due again.
    assertThat(ids(store.claimDue(noticeDue, CLAIM, 10)))
        .containsExactly("sub_pending", "sub_early");
    assertThat(ids(store.claimDue(late.periodEnd().orElseThrow(), CLAIM, 2)))
        .containsExactly("sub_pending", "sub_early");
    assertThat(ids(store.claimDue(late.periodEnd().orElseThrow(), CLAIM, 10)))
        .containsExactly("sub_late");
  }

  @Test
  void a_claimed_subscription_is_skipped_by_every_instance_until_its_claim_runs_out() {
    Subscription s = active("sub_1");
    Instant due = s.noticeDueAt().orElseThrow();

    assertThat(ids(store.claimDue(due, CLAIM, 10))).containsExactly("sub_1");
    assertThat(second.claimDue(due.plusSeconds(1), CLAIM, 10)).isEmpty();
    assertThat(ids(second.claimDue(due.plus(CLAIM), CLAIM, 10))).containsExactly("sub_1");
  }

  @Test
  void a_subscription_that_only_a_person_can_move_is_never_claimed() {
    Subscription s = active("sub_1");
    written(s.cancelNow(T0.plusSeconds(1)));
    Subscription ended =
        written(
            store
                .findById(s.id())
                .orElseThrow()
                .endIfDue(s.periodEnd().orElseThrow())
                .orElseThrow());

    assertThat(ended.state()).isEqualTo(SubscriptionState.ENDED);
    assertThat(store.claimDue(T0.plus(Duration.ofDays(3650)), CLAIM, 10)).isEmpty();
  }

  @Test
  void two_instances_claiming_at_once_never_get_the_same_subscription() {
    for (int i = 0; i < 20; i++) {
      active("sub_" + i);
    }
    Instant due = T0.plus(Duration.ofDays(60));

    List<Attempt<List<Subscription>>> claims =
        Concurrently.run(2, i -> () -> (i == 0 ? store : second).claimDue(due, CLAIM, 15));

    List<String> all = new ArrayList<>();
    claims.forEach(claim -> all.addAll(ids(claim.value())));
    Set<String> distinct = new HashSet<>(all);
    assertThat(distinct).hasSameSizeAs(all);
    // A claim may skip rows another claim holds without looking further (H2 does): what was left
    // is there for the next pass, and no pass gets what another holds.
    List<String> rest = ids(store.claimDue(due, CLAIM, 20));
    assertThat(rest).doesNotContainAnyElementsOf(distinct);
    distinct.addAll(rest);
    assertThat(distinct).hasSize(20);
  }

  @Test
  void the_counts_by_state_cover_every_subscription() {
    active("sub_1");
    active("sub_2");
    store.insert(pending("sub_3", MONTHLY, SubscriptionTerms.DEFAULT));

    assertThat(second.countByState())
        .isEqualTo(Map.of(SubscriptionState.ACTIVE, 2L, SubscriptionState.PENDING, 1L));
  }

  private static List<String> ids(List<Subscription> subscriptions) {
    return subscriptions.stream().map(s -> s.id().value()).toList();
  }
}
