package dev.paykit.spring.boot;

import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.OutboxBacklog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Paykit at {@code /actuator/health} ({@code paykit}): the inbox's backlog, dead letters and the
 * age of its oldest waiting event, the outbox's backlog, dead letters and the age of its oldest
 * undelivered event, and whether a token can be obtained from the provider. DOWN when no token can
 * be had or the stores cannot be read; backlogs and dead letters are details to alert on, not a
 * reason to take the application out of service.
 */
public final class PaykitHealthIndicator extends AbstractHealthIndicator {
  private final DispatchOutbox outbox;
  private final ProcessInbox inbox;
  private final Optional<ProviderCheck> provider;

  public PaykitHealthIndicator(
      DispatchOutbox outbox, ProcessInbox inbox, Optional<ProviderCheck> provider) {
    super("Paykit health check failed");
    this.outbox = outbox;
    this.inbox = inbox;
    this.provider = provider;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    InboxBacklog waiting = inbox.backlog();
    Map<String, Object> inboxDetails = new LinkedHashMap<>();
    inboxDetails.put("waiting", waiting.waiting());
    inboxDetails.put("deadLetters", waiting.dead());
    inboxDetails.put("oldestWaitingAgeSeconds", waiting.oldestWaitingAge().toSeconds());

    OutboxBacklog backlog = outbox.backlog();
    Map<String, Object> outboxDetails = new LinkedHashMap<>();
    outboxDetails.put("undelivered", backlog.undelivered());
    outboxDetails.put("deadLetters", backlog.dead());
    outboxDetails.put("oldestUndeliveredAgeSeconds", backlog.oldestUndeliveredAge().toSeconds());

    builder.up().withDetail("inbox", inboxDetails).withDetail("outbox", outboxDetails);
    provider.ifPresent(
        check ->
            check
                .problem()
                .ifPresentOrElse(
                    problem -> builder.down().withDetail("provider", problem),
                    () -> builder.withDetail("provider", "token obtainable")));
  }
}
