package dev.paykit.transport;

import java.util.random.RandomGenerator;

/** Jitter that always draws the top of its range, so a test knows each wait exactly. */
public final class FixedRandom implements RandomGenerator {
  public static final FixedRandom HIGHEST = new FixedRandom(true);
  public static final FixedRandom LOWEST = new FixedRandom(false);

  private final boolean highest;

  private FixedRandom(boolean highest) {
    this.highest = highest;
  }

  @Override
  public long nextLong() {
    return 0;
  }

  @Override
  public long nextLong(long bound) {
    return highest ? bound - 1 : 0;
  }
}
