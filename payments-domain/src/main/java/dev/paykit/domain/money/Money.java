package dev.paykit.domain.money;

import dev.paykit.domain.ValidationException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in integer minor units of an ISO 4217 currency (cents for EUR, yen for JPY,
 * fils for BHD). No floating point: decimal input goes through {@link #parse} and must fit the
 * currency's minor digits exactly, and arithmetic fails loudly instead of overflowing.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

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
   * The longest decimal {@link #parse} reads: far more digits than a {@code long} of minor units
   * has, so that no amount that fits is refused, and few enough that nothing longer is ever read.
   */
  public static final int MAX_DECIMAL_LENGTH = 40;

  /**
   * Parses a decimal amount in major units ({@code "10.50"} EUR is 1050 cents): ASCII digits with
   * an optional sign and decimal point, at most {@value #MAX_DECIMAL_LENGTH} characters,
   * surrounding spaces ignored. More fraction digits than the currency has is an error, never a
   * rounding.
   */
  public static Money parse(String decimal, String currencyCode) {
    Currency currency = currency("amount.currency", currencyCode);
    if (decimal == null || decimal.isBlank()) {
      throw new ValidationException("amount", "required", "is required");
    }
    String text = stripSpaces(decimal);
    // Checked before any BigDecimal work: an exponent (1e30000000) or a long string of digits
    // would make it build a number far larger than any amount, for as long as that takes.
    if (text.length() > MAX_DECIMAL_LENGTH) {
      throw new ValidationException(
          "amount",
          "too_long",
          "must have at most " + MAX_DECIMAL_LENGTH + " characters, has " + text.length());
    }
    if (!isPlainDecimal(text)) {
      throw new ValidationException(
          "amount",
          "not_a_number",
          (isPrintableAscii(text) ? "'" + text + "' is" : "is")
              + " not a decimal number of ASCII digits with an optional sign and decimal point");
    }
    BigDecimal value = new BigDecimal(text);
    // Checked here so that the error names the field the caller gave, not the minor-units field.
    if (value.signum() < 0) {
      throw new ValidationException("amount", "negative", "must not be negative, was " + text);
    }
    int digits = minorDigits(currency);
    if (value.stripTrailingZeros().scale() > digits) {
      throw new ValidationException(
          "amount",
          "too_many_decimals",
          currency.getCurrencyCode() + " has " + digits + " minor digits, '" + text + "' has more");
    }
    try {
      return new Money(value.movePointRight(digits).longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw new ValidationException("amount", "too_large", "'" + text + "' does not fit");
    }
  }

  private static String stripSpaces(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == ' ') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == ' ') {
      end--;
    }
    return text.substring(start, end);
  }

  /**
   * {@code [+-]?digits[.digits]}, also {@code 5.} and {@code .5}, with ASCII digits only: {@link
   * Character#isDigit} and {@link BigDecimal} would take any script's digits.
   */
  private static boolean isPlainDecimal(String text) {
    int i = 0;
    if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    boolean point = false;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return false;
      }
    }
    return digits > 0;
  }

  private static boolean isPrintableAscii(String text) {
    return text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
  }

  /** The ISO 4217 currency for a code, or a {@link ValidationException} naming the field. */
  public static Currency currency(String field, String code) {
    if (code == null || code.isBlank()) {
      throw new ValidationException(field, "required", "is required");
    }
    if (!CURRENCY_CODE.matcher(code).matches()) {
      // Quoted only when short and without control characters: the code may be anything.
      boolean quotable = code.length() <= 8 && code.chars().noneMatch(Character::isISOControl);
      throw new ValidationException(
          field,
          "invalid_currency",
          "must be an ISO 4217 code of three capital letters"
              + (quotable ? ", was '" + code + "'" : ""));
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
