package dev.paykit.bench.soak;

import dev.paykit.bench.soak.CheckoutPlan.Outcome;
import dev.paykit.bench.soak.CheckoutPlan.ProviderFault;
import dev.paykit.bench.soak.CheckoutPlan.WebhookFault;
import dev.paykit.testkit.flows.CrashPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Draws every checkout's plan and the moments of the whole-process crashes from one seed, before
 * the run starts: a failing run is repeated with its seed. Threads make the interleaving differ
 * between two runs, never the faults.
 */
public final class FaultScheduler {
  /** One whole-process crash per this many checkouts, and at least two per run. */
  static final int CHECKOUTS_PER_RESTART = 250;

  private final long seed;

  public FaultScheduler(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** The plans of checkouts 0 to {@code count - 1}. */
  public List<CheckoutPlan> plans(int count) {
    Random random = new Random(seed);
    List<CheckoutPlan> plans = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      plans.add(plan(i, random));
    }
    return Collections.unmodifiableList(plans);
  }

  /**
   * The checkouts at whose start the whole process crashes and restarts on the same database:
   * spread over the run, never in its first or last tenth.
   */
  public SortedSet<Integer> restarts(int count) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    int wanted = Math.max(2, count / CHECKOUTS_PER_RESTART);
    int from = count / 10;
    int span = Math.max(1, count - 2 * from);
    SortedSet<Integer> at = new TreeSet<>();
    while (at.size() < Math.min(wanted, span)) {
      at.add(from + random.nextInt(span));
    }
    return Collections.unmodifiableSortedSet(at);
  }

  private static CheckoutPlan plan(int index, Random r) {
    ProviderFault providerFault =
        pick(
            r,
            ProviderFault.values(),
            // none, 5xx, 429, timeout, dropped (hold), dropped (close), error after action, tokens
            new int[] {66, 6, 5, 5, 4, 4, 6, 4});
    int times = 1 + r.nextInt(3);
    CrashPoint crash = pick(r, CrashPoint.values(), new int[] {91, 3, 3, 3});
    WebhookFault webhookFault = pick(r, WebhookFault.values(), new int[] {72, 8, 8, 6, 6});
    Outcome outcome = pick(r, Outcome.values(), new int[] {60, 12, 10, 8, 5, 5});
    return new CheckoutPlan(
        index,
        providerFault,
        times,
        crash,
        webhookFault,
        outcome,
        r.nextInt(100) < 10,
        r.nextInt(100) < 5,
        r.nextInt(100) < 30,
        outcome.failed() && r.nextInt(100) < 50,
        r.nextInt(100) < 2,
        r.nextInt(100) < 2);
  }

  /** One of {@code values}, with probabilities proportional to {@code weights}. */
  static <T> T pick(Random r, T[] values, int[] weights) {
    if (values.length != weights.length) {
      throw new IllegalArgumentException("one weight per value");
    }
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int roll = r.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      roll -= weights[i];
      if (roll < 0) {
        return values[i];
      }
    }
    throw new AssertionError("weights sum to " + total);
  }
}
