package dev.paykit.port.out;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.shared.InboxEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook inbox: events are inserted on receipt, keyed by event id (a redelivery is dropped),
 * and processed later by workers that claim them. Claims are exclusive across threads and
 * processes; a claim that is not settled within its time is taken over by the next claim.
 */
public interface WebhookInbox {

  /** Inserts a received event; false, changing nothing, if its id is already there. */
  boolean insert(InboxEvent event);

  /**
   * Claims up to {@code max} events that are due: {@code PENDING} with {@code nextAttemptAt <=
   * now}, or {@code PROCESSING} whose claim ran out. Claimed events are {@code PROCESSING} until
   * {@code now + claimFor}, carry a fresh claim token and have {@code attempts} one higher. Oldest
   * first.
   */
  List<InboxEvent> claim(Instant now, int max, Duration claimFor);

  /** Settles a claimed event as processed; false if the claim is no longer the holder. */
  boolean markProcessed(InboxEvent claimed, Instant now);

  /** Puts a claimed event back to {@code PENDING}, due at {@code nextAttemptAt}, with the error. */
  boolean markFailed(InboxEvent claimed, String error, Instant nextAttemptAt);

  /** Moves a claimed event to the dead letters, with the error. */
  boolean markDead(InboxEvent claimed, String error, Instant now);

  Optional<InboxEvent> find(EventId id);

  /** Dead events, oldest first. */
  List<InboxEvent> deadLetters(int limit);

  /** Moves a dead event back to {@code PENDING}, due now, attempts reset; false if not dead. */
  boolean replay(EventId id, Instant now);

  /** Deletes processed events processed before {@code before}; returns how many. */
  int purgeProcessed(Instant before);
}
