package dev.paykit.inbound.webhook;

import dev.paykit.core.flows.InMemoryPaykit;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.testkit.fake.SignedWebhook;
import java.time.Clock;

/**
 * A real Paykit core on the in-memory stores and the testkit's fake provider: the webhooks the
 * endpoint is fed are the provider's own, signed as it signs them.
 */
final class Shop {
  private final InMemoryPaykit paykit = new InMemoryPaykit(Clock.systemUTC());

  ReceiveWebhook receive() {
    return paykit.core().receiveWebhook();
  }

  /** Creates a payment for {@code order} and has the provider confirm it: its signed webhook. */
  SignedWebhook paid(String order) {
    return paykit.confirm(paykit.started(order));
  }

  ProcessInbox inbox() {
    return paykit.core().inbox();
  }

  boolean stored(SignedWebhook webhook) {
    return paykit.inbox().find(webhook.eventId()).isPresent();
  }

  /** Stored and then applied by an inbox worker. */
  boolean processed(SignedWebhook webhook) {
    return paykit
        .inbox()
        .find(webhook.eventId())
        .filter(event -> event.status() == InboxEvent.Status.PROCESSED)
        .isPresent();
  }
}
