package dev.paykit.app.tour;

import dev.paykit.sandbox.SandboxConfig;
import dev.paykit.service.PaykitSettings;
import dev.paykit.transport.RetryPolicy;
import java.time.Clock;
import java.time.Duration;

/**
 * The tour's timings. Production waits minutes where the tour waits milliseconds: the same code
 * paths run, only the durations are shortened so that the whole tour finishes in well under a
 * minute.
 *
 * @param connectTimeout the gateway's connect timeout
 * @param requestTimeout the gateway's timeout for a whole exchange (30 s in production)
 * @param retry the gateway's retries: attempts and backoff (250 ms to 5 s in production)
 * @param tokenLifetime how long the sandbox's access tokens live (1 hour in production)
 * @param paykit the core's settings, with short inbox and outbox backoff and reconciliation
 *     thresholds
 * @param inboxIdleWait how long the inbox worker waits when it found nothing
 * @param awaitTimeout how long a flow waits for something before it fails
 */
public record TourSettings(
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry,
    Duration tokenLifetime,
    PaykitSettings paykit,
    Duration inboxIdleWait,
    Duration awaitTimeout) {

  public static TourSettings standard() {
    return new TourSettings(
        Duration.ofSeconds(2),
        Duration.ofMillis(1500),
        new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(20)),
        Duration.ofMinutes(5),
        PaykitSettings.defaults()
            .withInboxRetry(6, Duration.ofMillis(100), Duration.ofSeconds(1))
            .withOutboxRetry(
                new PaykitSettings.OutboxRetry(
                    6, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30)))
            .withReconciliation(Duration.ofMillis(300), Duration.ofSeconds(1)),
        Duration.ofMillis(100),
        Duration.ofSeconds(20));
  }

  /** The sandbox the tour starts: the tour's clock, quick expiry sweeps and webhook retries. */
  public SandboxConfig sandbox(Clock clock) {
    return SandboxConfig.builder()
        .clock(clock)
        .tokenTtl(tokenLifetime)
        .expirySweepInterval(Duration.ofMillis(100))
        .webhookInitialBackoff(Duration.ofMillis(200))
        .webhookMaxBackoff(Duration.ofSeconds(1))
        .webhookTimeout(Duration.ofSeconds(5))
        .refundSettlementDelay(Duration.ofMillis(100))
        .build();
  }
}
