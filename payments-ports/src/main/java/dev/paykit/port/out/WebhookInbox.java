package dev.paykit.port.out;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook inbox: events are inserted on receipt, keyed by provider and event id (a redelivery
 * is dropped; two providers' events with the same id are two events), and processed later by
 * workers that claim them. Claims are exclusive across threads and processes; a claim that is not
 * settled within its time is taken over by the next claim.
 */
public interface WebhookInbox {

  /**
   * Inserts a received event; false, changing nothing, if its provider's event with its id is
   * already there.
   */
  boolean insert(InboxEvent event);

  /**
   * Claims up to {@code max} events that are due: {@code PENDING} with {@code nextAttemptAt <=
   * now}, or {@code PROCESSING} whose claim ran out. Claimed events are {@code PROCESSING} until
   * {@code now + claimFor}, carry a fresh claim token and have {@code attempts} one higher. Oldest
   * first.
   *
   * <p>A due event that already had {@code maxAttempts} attempts is not handed out again: it goes
   * to the dead letters instead (dead since {@code now}, its last error kept and the reason added).
   * That is the event whose last attempt could not even be recorded, a worker that died or a
   * failure too broken to be written: without this it would be claimed, tried and lost forever,
   * holding up the events claimed with it. The result holds only the events claimed, so it may be
   * shorter than {@code max} while more are due.
   *
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1
   */
  List<InboxEvent> claim(Instant now, int max, Duration claimFor, int maxAttempts);

  /** {@link #claim(Instant, int, Duration, int)} with no limit on the attempts. */
  default List<InboxEvent> claim(Instant now, int max, Duration claimFor) {
    return claim(now, max, claimFor, Integer.MAX_VALUE);
  }

  /** Settles a claimed event as processed; false if the claim is no longer the holder. */
  boolean markProcessed(InboxEvent claimed, Instant now);

  /**
   * Puts a claimed event back to {@code PENDING}, due at {@code nextAttemptAt}, with the error as
   * {@link InboxEvent#storableError} makes it: whatever the error's text, recording it cannot fail.
   */
  boolean markFailed(InboxEvent claimed, String error, Instant nextAttemptAt);

  /** Moves a claimed event to the dead letters, with the error as {@code markFailed} keeps it. */
  boolean markDead(InboxEvent claimed, String error, Instant now);

  /**
   * Gives a claimed event back unapplied, as if the claim had not been made: {@code PENDING}, due
   * when it was due before, {@code attempts} one lower again, its last error kept. What a worker
   * that shuts down does with events it claimed and did not start, so that another takes them at
   * once rather than after the claim ran out. False, changing nothing, if the claim is no longer
   * the holder.
   */
  boolean release(InboxEvent claimed);

  Optional<InboxEvent> find(ProviderName provider, EventId id);

  /** {@link #find(ProviderName, EventId)} of the {@link ProviderName#DEFAULT} provider. */
  default Optional<InboxEvent> find(EventId id) {
    return find(ProviderName.DEFAULT, id);
  }

  /** Dead events, oldest first. */
  List<InboxEvent> deadLetters(int limit);

  /** Moves a dead event back to {@code PENDING}, due now, attempts reset; false if not dead. */
  boolean replay(ProviderName provider, EventId id, Instant now);

  /**
   * {@link #replay(ProviderName, EventId, Instant)} of the {@link ProviderName#DEFAULT} provider.
   */
  default boolean replay(EventId id, Instant now) {
    return replay(ProviderName.DEFAULT, id, now);
  }

  /** How much waits: received and not applied yet, dead, and for how long the oldest has. */
  InboxBacklog backlog(Instant now);

  /** Deletes processed events processed before {@code before}; returns how many. */
  int purgeProcessed(Instant before);
}
