package dev.paykit.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.bench.soak.CheckoutPlan.Outcome;
import dev.paykit.bench.soak.CheckoutPlan.ProviderFault;
import dev.paykit.testkit.flows.CrashPoint;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultSchedulerTest {

  @Test
  void the_same_seed_plans_the_same_faults_and_restarts() {
    assertThat(new FaultScheduler(42).plans(2_000)).isEqualTo(new FaultScheduler(42).plans(2_000));
    assertThat(new FaultScheduler(42).restarts(2_000))
        .isEqualTo(new FaultScheduler(42).restarts(2_000));
  }

  @Test
  void another_seed_plans_other_faults() {
    assertThat(new FaultScheduler(42).plans(200)).isNotEqualTo(new FaultScheduler(43).plans(200));
  }

  @Test
  void a_longer_run_starts_with_the_plans_of_a_shorter_one() {
    assertThat(new FaultScheduler(7).plans(1_000).subList(0, 100))
        .isEqualTo(new FaultScheduler(7).plans(100));
  }

  @Test
  void faults_come_about_as_often_as_planned() {
    List<CheckoutPlan> plans = new FaultScheduler(1).plans(20_000);

    Map<ProviderFault, Long> provider = count(plans, CheckoutPlan::providerFault);
    Map<CrashPoint, Long> crashes = count(plans, CheckoutPlan::crash);
    Map<Outcome, Long> outcomes = count(plans, CheckoutPlan::outcome);

    assertThat(provider.get(ProviderFault.NONE)).isBetween(12_800L, 13_600L);
    assertThat(provider).containsKeys(ProviderFault.values());
    assertThat(crashes.get(CrashPoint.NONE)).isBetween(17_900L, 18_500L);
    assertThat(crashes).containsKeys(CrashPoint.values());
    assertThat(outcomes.get(Outcome.CONFIRMED)).isBetween(11_700L, 12_300L);
    assertThat(plans).allSatisfy(p -> assertThat(p.faultTimes()).isBetween(1, 3));
    assertThat(plans)
        .filteredOn(CheckoutPlan::secondAttempt)
        .allSatisfy(p -> assertThat(p.outcome().failed()).isTrue());
  }

  @Test
  void restarts_are_spread_over_the_middle_of_the_run() {
    SortedSet<Integer> restarts = new FaultScheduler(5).restarts(10_000);

    assertThat(restarts).hasSize(10_000 / FaultScheduler.CHECKOUTS_PER_RESTART);
    assertThat(restarts.first()).isGreaterThanOrEqualTo(1_000);
    assertThat(restarts.last()).isLessThan(9_000);
    assertThat(new FaultScheduler(5).restarts(100)).hasSize(2);
  }

  @Test
  void weights_decide_how_often_each_value_is_picked() {
    Random random = new Random(3);
    String[] values = {"rare", "common"};
    long common = 0;
    for (int i = 0; i < 10_000; i++) {
      if (FaultScheduler.pick(random, values, new int[] {1, 9}).equals("common")) {
        common++;
      }
    }

    assertThat(common).isBetween(8_800L, 9_200L);
  }

  private static <T> Map<T, Long> count(List<CheckoutPlan> plans, Function<CheckoutPlan, T> key) {
    return plans.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
