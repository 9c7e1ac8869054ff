package dev.paykit.adapter.http;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.port.out.Secret;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.transport.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Settings and requests for gateways that talk to a running sandbox. */
final class SandboxGateways {
  private SandboxGateways() {}

  static ProviderHttpSettings settings(
      SandboxProvider sandbox, int maxAttempts, Duration requestTimeout) {
    return new ProviderHttpSettings(
        sandbox.baseUri(),
        sandbox.clientId(),
        Secret.of(sandbox.clientSecret().reveal()),
        List.of(Secret.of(sandbox.webhookSecret().reveal())),
        Duration.ofSeconds(2),
        requestTimeout,
        new RetryPolicy(
            maxAttempts, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30)));
  }

  static PaymentRequest request(String externalId, long minorUnits) {
    return new PaymentRequest(
        new ExternalId(externalId),
        Money.of(minorUnits, "EUR"),
        "Two concert tickets",
        Metadata.of(Map.of("cartId", "c-19", "channel", "web")),
        ReturnUrls.of("https://shop.example/pay/return", "https://shop.example/pay/cancel"),
        Duration.ofMinutes(15));
  }
}
