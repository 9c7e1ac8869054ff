package dev.paykit.sandbox;

import java.util.List;
import java.util.Random;

/**
 * Transient faults for a share of the API calls, as an unreliable network and a busy provider cause
 * them: 429 with {@code Retry-After}, 503, and a connection dropped before or after the provider
 * acted. Drawn with a seeded random, so that the same seed and the same sequence of calls draw the
 * same faults.
 */
final class RandomFaults {

  private static final List<Fault> TRANSIENT =
      List.of(
          Fault.rateLimited(Fault.ANY_ENDPOINT, 1),
          Fault.error(Fault.ANY_ENDPOINT, 503),
          Fault.dropResponse(Fault.ANY_ENDPOINT).closeImmediately().beforeAction(),
          Fault.dropResponse(Fault.ANY_ENDPOINT).closeImmediately());

  private final double rate;
  private final Random random;

  /**
   * @param rate the share of calls that get a fault, 0 to 1
   * @param seed the seed of the draws
   */
  RandomFaults(double rate, long seed) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("a fault rate is from 0 to 1");
    }
    this.rate = rate;
    this.random = new Random(seed);
  }

  /** The fault for the next call, or {@code null} for none. Callers draw one call at a time. */
  Fault draw() {
    if (rate == 0 || random.nextDouble() >= rate) {
      return null;
    }
    return TRANSIENT.get(random.nextInt(TRANSIENT.size()));
  }
}
