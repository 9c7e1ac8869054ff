package dev.paykit.bench.support;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ReturnUrls;
import java.time.Duration;
import java.util.Map;

/** The payment every benchmark and the soak create: a typical web-shop checkout. */
public final class Fixtures {
  public static final Money AMOUNT = Money.of(1050, "EUR");

  private Fixtures() {}

  public static PaymentRequest request(String externalId) {
    return request(externalId, AMOUNT);
  }

  public static PaymentRequest request(String externalId, Money amount) {
    return new PaymentRequest(
        new ExternalId(externalId),
        amount,
        "Two concert tickets",
        Metadata.of(Map.of("cartId", "c-19", "channel", "web")),
        ReturnUrls.of("https://shop.example/pay/return", "https://shop.example/pay/cancel"),
        Duration.ofMinutes(15));
  }
}
