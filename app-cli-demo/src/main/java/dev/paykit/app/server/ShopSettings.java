package dev.paykit.app.server;

import dev.paykit.domain.money.Money;
import java.time.Duration;
import java.util.Objects;

/**
 * What the demo shop sells and how its pages wait for the provider.
 *
 * @param item what the cart holds, shown on the pages and sent as the payment's description
 * @param price what it costs
 * @param paymentExpiry how long the customer has at the hosted checkout
 * @param polling how the return page asks the shop again while the provider has not decided
 * @param startWait how long {@code POST /pay} waits for another request with the same key (a double
 *     click) to finish before it asks the customer to press Pay again
 */
public record ShopSettings(
    String item, Money price, Duration paymentExpiry, Polling polling, Duration startWait) {

  public ShopSettings {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(paymentExpiry, "paymentExpiry");
    Objects.requireNonNull(polling, "polling");
    Objects.requireNonNull(startWait, "startWait");
    if (startWait.isNegative()) {
      throw new IllegalArgumentException("startWait must not be negative");
    }
  }

  /**
   * Two concert tickets for 10.50 EUR, half an hour at the checkout, and a return page that looks
   * again after 1 s, then less and less often up to every 8 s, for about two minutes.
   */
  public static ShopSettings standard() {
    return new ShopSettings(
        "Two concert tickets",
        Money.of(1050, "EUR"),
        Duration.ofMinutes(30),
        new Polling(Duration.ofSeconds(1), Duration.ofSeconds(8), 20),
        Duration.ofSeconds(5));
  }

  public ShopSettings withItem(String value) {
    return new ShopSettings(value, price, paymentExpiry, polling, startWait);
  }

  public ShopSettings withPolling(Polling value) {
    return new ShopSettings(item, price, paymentExpiry, value, startWait);
  }

  /**
   * The return page's look-ups while a payment is not terminal: the first after {@code first}, each
   * next one half as long again after the one before, at most {@code longest} apart, and no more
   * than {@code limit} in all; then the page stops and says that the shop will email the customer.
   * Without JavaScript, a meta refresh reloads the page on the same schedule.
   */
  public record Polling(Duration first, Duration longest, int limit) {
    public Polling {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(longest, "longest");
      if (first.toMillis() < 1 || longest.compareTo(first) < 0) {
        throw new IllegalArgumentException("polling needs 1 ms <= first <= longest");
      }
      if (limit < 1) {
        throw new IllegalArgumentException("polling needs a limit of at least 1");
      }
    }

    /** The wait before look-up number {@code done + 1}, when {@code done} were made. */
    public Duration delayAfter(int done) {
      double millis = first.toMillis() * Math.pow(1.5, Math.max(0, done));
      return millis >= longest.toMillis() ? longest : Duration.ofMillis((long) millis);
    }
  }
}
