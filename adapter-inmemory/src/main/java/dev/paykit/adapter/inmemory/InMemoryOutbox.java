package dev.paykit.adapter.inmemory;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.StoreConflictException;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.OutboxDelivery;
import dev.paykit.port.shared.OutboxDelivery.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The outbox in memory, under its family's lock: an append takes its payment's next number and a
 * claim picks and takes its heads in one step each, and both are undone with a failed phase.
 *
 * <p>Each payment's last number is kept apart from its events, so that numbering goes on after its
 * delivered events are purged. The events not delivered yet are also indexed per payment in
 * sequence order: a payment's head is the first of them, and claims, the backlog and the dead
 * letters look only at those rather than at every event ever delivered.
 */
final class InMemoryOutbox implements Outbox {
  private static final Comparator<OutboxDelivery> OLDEST_FIRST =
      Comparator.comparing((OutboxDelivery delivery) -> delivery.event().occurredAt())
          .thenComparing(delivery -> delivery.event().paymentId().value())
          .thenComparingLong(delivery -> delivery.event().sequence());

  private final InMemoryUnitOfWork unit;
  private final Map<OutboxEventId, OutboxDelivery> deliveries = new HashMap<>();
  private final Map<PaymentId, Long> lastSequence = new HashMap<>();
  private final Map<PaymentId, NavigableMap<Long, OutboxEventId>> undelivered = new HashMap<>();

  InMemoryOutbox(InMemoryUnitOfWork unit) {
    this.unit = unit;
  }

  @Override
  public OutboxEvent append(OutboxEvent event) {
    return unit.call(
        () -> {
          if (deliveries.containsKey(event.id())) {
            throw new StoreConflictException(
                StoreConflictException.Kind.DUPLICATE_ID, "outbox event " + event.id() + " exists");
          }
          PaymentId payment = event.paymentId();
          Long last = lastSequence.get(payment);
          long number = last == null ? 1 : last + 1;
          lastSequence.put(payment, number);
          unit.undoing(
              () -> {
                if (last == null) {
                  lastSequence.remove(payment);
                } else {
                  lastSequence.put(payment, last);
                }
              });
          OutboxEvent numbered = event.sequenced(number);
          replace(
              null,
              new OutboxDelivery(
                  numbered, Status.PENDING, 0, numbered.occurredAt(), null, null, null, null));
          return numbered;
        });
  }

  @Override
  public List<OutboxDelivery> claim(Instant now, int max, Duration claimFor, int maxAttempts) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, was " + max);
    }
    if (claimFor.isNegative() || claimFor.isZero()) {
      throw new IllegalArgumentException("claimFor must be positive, was " + claimFor);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    return unit.call(
        () -> {
          List<OutboxDelivery> due =
              undelivered.values().stream()
                  .map(waiting -> deliveries.get(waiting.firstEntry().getValue()))
                  .filter(head -> isDue(head, now))
                  .sorted(OLDEST_FIRST)
                  .limit(max)
                  .toList();
          List<OutboxDelivery> claimed = new ArrayList<>(due.size());
          for (OutboxDelivery head : due) {
            if (head.attempts() >= maxAttempts) {
              replace(
                  head,
                  settled(head, Status.DEAD, head.nextAttemptAt(), head.exhaustedError(), null));
              continue;
            }
            OutboxDelivery held =
                new OutboxDelivery(
                    head.event(),
                    Status.CLAIMED,
                    head.attempts() + 1,
                    head.nextAttemptAt(),
                    UUID.randomUUID().toString(),
                    now.plus(claimFor),
                    head.lastError(),
                    null);
            replace(head, held);
            claimed.add(held);
          }
          return claimed;
        });
  }

  private static boolean isDue(OutboxDelivery head, Instant now) {
    return switch (head.status()) {
      case PENDING -> !head.nextAttemptAt().isAfter(now);
      case CLAIMED -> !head.claimedUntil().isAfter(now);
      case DELIVERED, DEAD -> false;
    };
  }

  @Override
  public boolean markDelivered(OutboxDelivery claimed, Instant now) {
    return settle(
        claimed,
        held -> settled(held, Status.DELIVERED, held.nextAttemptAt(), held.lastError(), now));
  }

  @Override
  public boolean markFailed(OutboxDelivery claimed, String error, Instant nextAttemptAt) {
    return settle(
        claimed,
        held ->
            settled(
                held, Status.PENDING, nextAttemptAt, OutboxDelivery.storableError(error), null));
  }

  @Override
  public boolean markDead(OutboxDelivery claimed, String error, Instant now) {
    return settle(
        claimed,
        held ->
            settled(
                held,
                Status.DEAD,
                held.nextAttemptAt(),
                OutboxDelivery.storableError(error),
                null));
  }

  @Override
  public boolean release(OutboxDelivery claimed) {
    return settle(
        claimed,
        held ->
            new OutboxDelivery(
                held.event(),
                Status.PENDING,
                held.attempts() - 1,
                held.nextAttemptAt(),
                null,
                null,
                held.lastError(),
                null));
  }

  /** Replaces the delivery if {@code claimed}'s claim still holds it. */
  private boolean settle(OutboxDelivery claimed, UnaryOperator<OutboxDelivery> next) {
    return unit.call(
        () -> {
          OutboxDelivery held = deliveries.get(claimed.event().id());
          if (held == null
              || held.status() != Status.CLAIMED
              || claimed.claimToken() == null
              || !claimed.claimToken().equals(held.claimToken())) {
            return false;
          }
          replace(held, next.apply(held));
          return true;
        });
  }

  private static OutboxDelivery settled(
      OutboxDelivery held, Status status, Instant due, String error, Instant deliveredAt) {
    return new OutboxDelivery(
        held.event(), status, held.attempts(), due, null, null, error, deliveredAt);
  }

  @Override
  public Optional<OutboxDelivery> find(OutboxEventId id) {
    return unit.call(() -> Optional.ofNullable(deliveries.get(id)));
  }

  @Override
  public List<OutboxDelivery> deadLetters(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return unit.call(
        () ->
            waiting().stream()
                .filter(delivery -> delivery.status() == Status.DEAD)
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList());
  }

  @Override
  public boolean replay(OutboxEventId id, Instant now) {
    return unit.call(
        () -> {
          OutboxDelivery dead = deliveries.get(id);
          if (dead == null || dead.status() != Status.DEAD) {
            return false;
          }
          replace(
              dead,
              new OutboxDelivery(
                  dead.event(), Status.PENDING, 0, now, null, null, dead.lastError(), null));
          return true;
        });
  }

  @Override
  public OutboxBacklog backlog(Instant now) {
    return unit.call(
        () -> {
          long pending = 0;
          long dead = 0;
          Instant oldest = null;
          for (OutboxDelivery delivery : waiting()) {
            if (delivery.status() == Status.DEAD) {
              dead++;
              continue;
            }
            pending++;
            Instant occurred = delivery.event().occurredAt();
            if (oldest == null || occurred.isBefore(oldest)) {
              oldest = occurred;
            }
          }
          Duration age =
              oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
          return new OutboxBacklog(pending, dead, age);
        });
  }

  @Override
  public int purgeDelivered(Instant before) {
    return unit.call(
        () -> {
          List<OutboxDelivery> purged = new ArrayList<>();
          Iterator<OutboxDelivery> stored = deliveries.values().iterator();
          while (stored.hasNext()) {
            OutboxDelivery delivery = stored.next();
            if (delivery.status() == Status.DELIVERED && delivery.deliveredAt().isBefore(before)) {
              purged.add(delivery);
            }
          }
          purged.forEach(delivery -> replace(delivery, null));
          return purged.size();
        });
  }

  /** Every delivery not delivered yet: pending, claimed or dead. Under the lock. */
  private List<OutboxDelivery> waiting() {
    List<OutboxDelivery> waiting = new ArrayList<>();
    for (NavigableMap<Long, OutboxEventId> ofPayment : undelivered.values()) {
      ofPayment.values().forEach(id -> waiting.add(deliveries.get(id)));
    }
    return waiting;
  }

  /**
   * Puts {@code next} in the place of {@code stored} (null for none: an append, or a purge), and
   * registers putting {@code stored} back.
   */
  private void replace(OutboxDelivery stored, OutboxDelivery next) {
    put(stored, next);
    unit.undoing(() -> put(next, stored));
  }

  /** Moves from {@code stored} to {@code next}, keeping the index of the undelivered in step. */
  private void put(OutboxDelivery stored, OutboxDelivery next) {
    OutboxEvent event = next != null ? next.event() : stored.event();
    if (next == null) {
      deliveries.remove(event.id());
    } else {
      deliveries.put(event.id(), next);
    }
    boolean wasWaiting = stored != null && stored.status() != Status.DELIVERED;
    boolean isWaiting = next != null && next.status() != Status.DELIVERED;
    if (isWaiting && !wasWaiting) {
      undelivered
          .computeIfAbsent(event.paymentId(), payment -> new TreeMap<>())
          .put(event.sequence(), event.id());
    } else if (wasWaiting && !isWaiting) {
      NavigableMap<Long, OutboxEventId> ofPayment = undelivered.get(event.paymentId());
      ofPayment.remove(event.sequence());
      if (ofPayment.isEmpty()) {
        undelivered.remove(event.paymentId());
      }
    }
  }
}
