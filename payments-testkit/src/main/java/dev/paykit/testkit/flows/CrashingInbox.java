package dev.paykit.testkit.flows;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An inbox whose worker fails once right after applying an event and before marking it processed.
 * Applying and marking are one phase, so the failure must undo the application too: the event is
 * applied once, when it is tried again.
 */
public final class CrashingInbox implements WebhookInbox {
  private final WebhookInbox inbox;
  private final AtomicBoolean crashNext = new AtomicBoolean();

  public CrashingInbox(WebhookInbox inbox) {
    this.inbox = inbox;
  }

  public void crashBeforeNextMarkProcessed() {
    crashNext.set(true);
  }

  @Override
  public boolean markProcessed(InboxEvent claimed, Instant now) {
    if (crashNext.getAndSet(false)) {
      throw new IllegalStateException("the worker died before marking " + claimed.id() + " done");
    }
    return inbox.markProcessed(claimed, now);
  }

  @Override
  public boolean insert(InboxEvent event) {
    return inbox.insert(event);
  }

  @Override
  public List<InboxEvent> claim(Instant now, int max, Duration claimFor, int maxAttempts) {
    return inbox.claim(now, max, claimFor, maxAttempts);
  }

  @Override
  public boolean markFailed(InboxEvent claimed, String error, Instant nextAttemptAt) {
    return inbox.markFailed(claimed, error, nextAttemptAt);
  }

  @Override
  public boolean markDead(InboxEvent claimed, String error, Instant now) {
    return inbox.markDead(claimed, error, now);
  }

  @Override
  public boolean release(InboxEvent claimed) {
    return inbox.release(claimed);
  }

  @Override
  public Optional<InboxEvent> find(ProviderName provider, EventId id) {
    return inbox.find(provider, id);
  }

  @Override
  public List<InboxEvent> deadLetters(int limit) {
    return inbox.deadLetters(limit);
  }

  @Override
  public boolean replay(ProviderName provider, EventId id, Instant now) {
    return inbox.replay(provider, id, now);
  }

  @Override
  public InboxBacklog backlog(Instant now) {
    return inbox.backlog(now);
  }

  @Override
  public int purgeProcessed(Instant before) {
    return inbox.purgeProcessed(before);
  }
}
