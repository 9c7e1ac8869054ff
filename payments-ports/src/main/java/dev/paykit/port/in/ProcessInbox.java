package dev.paykit.port.in;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import java.util.List;

/**
 * Use case: apply received webhooks. Each pass claims due events and applies them through the state
 * machine; an event for a payment not known yet is retried later with backoff, and after too many
 * attempts it is dead-lettered, where it can be listed and replayed.
 */
public interface ProcessInbox {
  InboxRunReport processPending(int maxEvents);

  /**
   * One pass, as {@link #processPending(int)}, that asks {@code stop} before each event: once it is
   * raised, the events claimed and not applied yet are given back to the inbox, due at once and
   * their attempt not counted, and the pass ends. An implementation that cannot stop early may
   * finish the pass instead; this default does.
   */
  default InboxRunReport processPending(int maxEvents, StopSignal stop) {
    return processPending(maxEvents);
  }

  List<InboxEvent> deadLetters(int limit);

  /** Sends a dead event back for processing; false if there is no such dead event. */
  boolean replayDeadLetter(ProviderName provider, EventId id);

  /**
   * {@link #replayDeadLetter(ProviderName, EventId)} of the {@link ProviderName#DEFAULT} provider.
   */
  default boolean replayDeadLetter(EventId id) {
    return replayDeadLetter(ProviderName.DEFAULT, id);
  }

  /** What waits in the inbox now: for health checks and alerts. */
  InboxBacklog backlog();
}
