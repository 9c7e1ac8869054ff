package dev.paykit.domain.money;

import dev.paykit.domain.ValidationException;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The smallest and largest amount a payment may have, per currency. Limits are configuration: the
 * defaults are safe for card payments, and {@link #with} overrides one currency. A currency without
 * its own limit gets one from its minor digits: half a major unit up to a million major units.
 */
public final class AmountLimits {

  /** An inclusive range of minor units. */
  public record Limit(long minMinorUnits, long maxMinorUnits) {
    public Limit {
      if (minMinorUnits < 1 || maxMinorUnits < minMinorUnits) {
        throw new IllegalArgumentException(
            "limit must satisfy 1 <= min <= max, was " + minMinorUnits + ".." + maxMinorUnits);
      }
    }
  }

  private final Map<Currency, Limit> limits;

  private AmountLimits(Map<Currency, Limit> limits) {
    this.limits = Map.copyOf(limits);
  }

  /** HUF 100–1,000,000,000; EUR, USD and GBP 50–100,000,000 minor units; others derived. */
  public static AmountLimits defaults() {
    Map<Currency, Limit> limits = new HashMap<>();
    limits.put(Currency.getInstance("HUF"), new Limit(100, 1_000_000_000L));
    limits.put(Currency.getInstance("EUR"), new Limit(50, 100_000_000L));
    limits.put(Currency.getInstance("USD"), new Limit(50, 100_000_000L));
    limits.put(Currency.getInstance("GBP"), new Limit(50, 100_000_000L));
    return new AmountLimits(limits);
  }

  /** A copy with {@code currency}'s limit replaced. */
  public AmountLimits with(Currency currency, long minMinorUnits, long maxMinorUnits) {
    Map<Currency, Limit> copy = new HashMap<>(limits);
    copy.put(Objects.requireNonNull(currency, "currency"), new Limit(minMinorUnits, maxMinorUnits));
    return new AmountLimits(copy);
  }

  public Limit limitFor(Currency currency) {
    Limit configured = limits.get(currency);
    if (configured != null) {
      return configured;
    }
    long majorUnit = pow10(Money.minorDigits(currency));
    return new Limit(Math.max(1, majorUnit / 2), majorUnit * 1_000_000L);
  }

  /**
   * Returns {@code amount} if it is within its currency's limit, else names the field and limit.
   */
  public Money check(String field, Money amount) {
    Limit limit = limitFor(amount.currency());
    if (amount.minorUnits() < limit.minMinorUnits()) {
      throw new ValidationException(
          field,
          "below_minimum",
          "must be at least "
              + new Money(limit.minMinorUnits(), amount.currency())
              + ", was "
              + amount);
    }
    if (amount.minorUnits() > limit.maxMinorUnits()) {
      throw new ValidationException(
          field,
          "above_maximum",
          "must be at most "
              + new Money(limit.maxMinorUnits(), amount.currency())
              + ", was "
              + amount);
    }
    return amount;
  }

  private static long pow10(int digits) {
    long result = 1;
    for (int i = 0; i < digits; i++) {
      result *= 10;
    }
    return result;
  }
}
