package dev.paykit.sandbox;

import java.time.Duration;

/** Configurations for tests: short webhook backoff and timeouts. */
final class TestSandboxes {

  private TestSandboxes() {}

  static SandboxConfig.Builder fast() {
    return SandboxConfig.builder()
        .clientId("test-client")
        .webhookInitialBackoff(Duration.ofMillis(20))
        .webhookMaxBackoff(Duration.ofMillis(100))
        .webhookTimeout(Duration.ofSeconds(2))
        .refundSettlementDelay(Duration.ofMillis(20));
  }
}
