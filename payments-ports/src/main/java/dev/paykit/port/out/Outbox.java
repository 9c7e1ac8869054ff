package dev.paykit.port.out;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.OutboxDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: events for the shop, appended in the same phase as the change they report ({@link
 * UnitOfWork}) and handed to the shop's {@link PaymentEventHandler} at least once by dispatchers
 * that claim them. Claims are exclusive across threads and processes. Events of one payment are
 * handed out in sequence order: only the earliest undelivered event of a payment (its head) can be
 * claimed, so a later one never overtakes an earlier one, also not a dead-lettered one, which holds
 * the payment's later events until it is replayed. {@code payments-testkit}'s {@code
 * OutboxContract} is the executable form of this contract.
 */
public interface Outbox {

  /**
   * Appends {@code event} with the next sequence number of its payment (1 for its first) and
   * returns it so numbered. Pending and due at once.
   */
  OutboxEvent append(OutboxEvent event);

  /**
   * Claims up to {@code max} due heads: for each payment, its earliest event that is not delivered,
   * if that one is {@code PENDING} and due ({@code nextAttemptAt <= now}) or claimed and its claim
   * ran out. Claimed deliveries carry a fresh claim token and {@code attempts} one higher, and are
   * held until {@code now + claimFor}. Oldest first.
   *
   * <p>A due head that already had {@code maxAttempts} attempts is not handed out again: it goes to
   * the dead letters, with {@link OutboxDelivery#exhaustedError()} as its error, under the same
   * claim. Such a head's dispatchers claimed it and never settled it, most likely because handing
   * it over killed them; without this it would be claimed and kill the next one, for ever, and hold
   * its payment's later events behind it. The result holds only the deliveries claimed, so it may
   * be shorter than {@code max} while due heads remain.
   *
   * @throws IllegalArgumentException if {@code max} or {@code maxAttempts} is below 1, or {@code
   *     claimFor} is not positive
   */
  List<OutboxDelivery> claim(Instant now, int max, Duration claimFor, int maxAttempts);

  /** {@link #claim(Instant, int, Duration, int)} with no limit on the attempts. */
  default List<OutboxDelivery> claim(Instant now, int max, Duration claimFor) {
    return claim(now, max, claimFor, Integer.MAX_VALUE);
  }

  /** Settles a claimed delivery as delivered; false if the claim is no longer the holder. */
  boolean markDelivered(OutboxDelivery claimed, Instant now);

  /**
   * Puts a claimed delivery back to {@code PENDING}, due at {@code nextAttemptAt}, with the error
   * as {@link OutboxDelivery#storableError} makes it; false if the claim is no longer the holder.
   */
  boolean markFailed(OutboxDelivery claimed, String error, Instant nextAttemptAt);

  /**
   * Moves a claimed delivery to the dead letters; its payment's later events wait behind it until
   * it is replayed. False if the claim is no longer the holder.
   */
  boolean markDead(OutboxDelivery claimed, String error, Instant now);

  /**
   * Gives a claimed delivery back undelivered, as if the claim had not been made: {@code PENDING},
   * due when it was, its attempt and claim undone. This is what a dispatcher that stops does with
   * deliveries it claimed and did not hand over, so that another takes them at once rather than
   * after the claim ran out. False, changing nothing, if the claim is no longer the holder.
   */
  boolean release(OutboxDelivery claimed);

  Optional<OutboxDelivery> find(OutboxEventId id);

  /** Dead deliveries, oldest first. */
  List<OutboxDelivery> deadLetters(int limit);

  /** Moves a dead delivery back to {@code PENDING}, due now, attempts reset; false if not dead. */
  boolean replay(OutboxEventId id, Instant now);

  /** How much is waiting: what the dispatcher's metrics and alerts are made of. */
  OutboxBacklog backlog(Instant now);

  /** Deletes deliveries delivered before {@code before}; returns how many. */
  int purgeDelivered(Instant before);
}
