package dev.paykit.domain.money;

import dev.paykit.domain.ValidationException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in integer minor units of an ISO 4217 currency (cents for EUR, yen for JPY,
 * fils for BHD). No floating point: decimal input goes through {@link #parse} and must fit the
 * currency's minor digits exactly, and arithmetic fails loudly instead of overflowing.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(currency, "currency");
    if (minorUnits < 0) {
      throw new ValidationException(
          "amount.value", "negative", "must not be negative, was " + minorUnits);
    }
    minorDigits(currency);
  }

  public static Money of(long minorUnits, String currencyCode) {
    return new Money(minorUnits, currency("amount.currency", currencyCode));
  }

  /**
   * Parses a decimal amount in major units ({@code "10.50"} EUR is 1050 cents). More fraction
   * digits than the currency has is an error, never a rounding.
   */
  public static Money parse(String decimal, String currencyCode) {
    Currency currency = currency("amount.currency", currencyCode);
    if (decimal == null || decimal.isBlank()) {
      throw new ValidationException("amount", "required", "is required");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(decimal.trim());
    } catch (NumberFormatException e) {
      throw new ValidationException("amount", "not_a_number", "'" + decimal + "' is not a number");
    }
    // Checked here so that the error names the field the caller gave, not the minor-units field.
    if (value.signum() < 0) {
      throw new ValidationException("amount", "negative", "must not be negative, was " + decimal);
    }
    int digits = minorDigits(currency);
    if (value.stripTrailingZeros().scale() > digits) {
      throw new ValidationException(
          "amount",
          "too_many_decimals",
          currency.getCurrencyCode()
              + " has "
              + digits
              + " minor digits, '"
              + decimal
              + "' has more");
    }
    try {
      return new Money(value.movePointRight(digits).longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw new ValidationException("amount", "too_large", "'" + decimal + "' does not fit");
    }
  }

  /** The ISO 4217 currency for a code, or a {@link ValidationException} naming the field. */
  public static Currency currency(String field, String code) {
    if (code == null || code.isBlank()) {
      throw new ValidationException(field, "required", "is required");
    }
    if (!code.matches("[A-Z]{3}")) {
      throw new ValidationException(
          field,
          "invalid_currency",
          "must be an ISO 4217 code of three capital letters, was '" + code + "'");
    }
    Currency currency;
    try {
      currency = Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          field, "invalid_currency", "'" + code + "' is not an ISO 4217 currency");
    }
    if (currency.getDefaultFractionDigits() < 0) {
      throw new ValidationException(
          field, "invalid_currency", "'" + code + "' has no minor unit and cannot be charged");
    }
    return currency;
  }

  /** The currency's number of minor digits: 0 for JPY, 2 for EUR, 3 for BHD. */
  public static int minorDigits(Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    if (digits < 0) {
      throw new ValidationException(
          "amount.currency",
          "invalid_currency",
          "'" + currency.getCurrencyCode() + "' has no minor unit and cannot be charged");
    }
    return digits;
  }

  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    try {
      return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    } catch (ArithmeticException e) {
      throw new ValidationException("amount.value", "overflow", "sum exceeds " + Long.MAX_VALUE);
    }
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    if (other.minorUnits > minorUnits) {
      throw new ValidationException(
          "amount.value", "negative", "cannot subtract " + other + " from " + this);
    }
    return new Money(minorUnits - other.minorUnits, currency);
  }

  public boolean isZero() {
    return minorUnits == 0;
  }

  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return Long.compare(minorUnits, other.minorUnits);
  }

  public String currencyCode() {
    return currency.getCurrencyCode();
  }

  /** The amount in major units as an exact decimal, e.g. {@code 10.50}. */
  public BigDecimal toDecimal() {
    return BigDecimal.valueOf(minorUnits, minorDigits(currency));
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new ValidationException(
          "amount.currency",
          "currency_mismatch",
          "cannot combine " + currencyCode() + " with " + other.currencyCode());
    }
  }

  @Override
  public String toString() {
    return toDecimal().toPlainString() + " " + currencyCode();
  }
}
