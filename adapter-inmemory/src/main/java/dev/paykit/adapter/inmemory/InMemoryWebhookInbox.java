package dev.paykit.adapter.inmemory;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.port.shared.InboxEvent.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The webhook inbox in memory, under its family's lock, so a claim picks and takes its events in
 * one step and two claims never share an event.
 *
 * <p>The events still to process and the dead ones are also indexed oldest first, so that a claim,
 * the backlog and the dead letters look only at those rather than at every event ever received: a
 * claim runs under the lock that receipts take too, and scanning every processed event on each one
 * made the workers' passes grow with the inbox and hold up the receipts behind them.
 */
final class InMemoryWebhookInbox implements WebhookInbox {
  private final InMemoryUnitOfWork unit;
  private final Map<Key, InboxEvent> events = new HashMap<>();
  private final NavigableMap<Order, InboxEvent> open = new TreeMap<>();
  private final NavigableMap<Order, InboxEvent> dead = new TreeMap<>();

  /** Event ids are the providers' own: two providers' events with one id are two events. */
  private record Key(ProviderName provider, EventId id) {
    static Key of(InboxEvent event) {
      return new Key(event.provider(), event.id());
    }
  }

  /** Oldest first, then by id; an event keeps its place, as its receipt time never changes. */
  private record Order(Instant receivedAt, String id, String provider)
      implements Comparable<Order> {
    private static final Comparator<Order> OLDEST_FIRST =
        Comparator.comparing(Order::receivedAt)
            .thenComparing(Order::id)
            .thenComparing(Order::provider);

    static Order of(InboxEvent event) {
      return new Order(event.receivedAt(), event.id().value(), event.provider().value());
    }

    @Override
    public int compareTo(Order other) {
      return OLDEST_FIRST.compare(this, other);
    }
  }

  InMemoryWebhookInbox(InMemoryUnitOfWork unit) {
    this.unit = unit;
  }

  @Override
  public boolean insert(InboxEvent event) {
    return unit.call(
        () -> {
          if (events.containsKey(Key.of(event))) {
            return false;
          }
          store(null, event);
          return true;
        });
  }

  @Override
  public List<InboxEvent> claim(Instant now, int max, Duration claimFor, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (max < 1) {
      return List.of();
    }
    return unit.call(
        () -> {
          List<InboxEvent> due = new ArrayList<>(Math.min(max, open.size()));
          for (InboxEvent event : open.values()) {
            if (due.size() >= max) {
              break;
            }
            if (isDue(event, now)) {
              due.add(event);
            }
          }
          List<InboxEvent> claimed = new ArrayList<>(due.size());
          for (InboxEvent event : due) {
            if (event.attempts() >= maxAttempts) {
              store(
                  event,
                  event.settled(
                      Status.DEAD,
                      event.attempts(),
                      event.nextAttemptAt(),
                      event.exhaustedError(),
                      null));
              continue;
            }
            InboxEvent held =
                new InboxEvent(
                    event.provider(),
                    event.id(),
                    event.type(),
                    event.payload(),
                    Status.PROCESSING,
                    event.attempts() + 1,
                    event.receivedAt(),
                    event.nextAttemptAt(),
                    UUID.randomUUID().toString(),
                    now.plus(claimFor),
                    event.lastError(),
                    null);
            store(event, held);
            claimed.add(held);
          }
          return claimed;
        });
  }

  private static boolean isDue(InboxEvent event, Instant now) {
    return switch (event.status()) {
      case PENDING -> !event.nextAttemptAt().isAfter(now);
      case PROCESSING -> !event.claimedUntil().isAfter(now);
      case PROCESSED, DEAD -> false;
    };
  }

  @Override
  public boolean markProcessed(InboxEvent claimed, Instant now) {
    return settle(
        claimed,
        held ->
            held.settled(
                Status.PROCESSED, held.attempts(), held.nextAttemptAt(), held.lastError(), now));
  }

  @Override
  public boolean markFailed(InboxEvent claimed, String error, Instant nextAttemptAt) {
    return settle(
        claimed,
        held ->
            held.settled(
                Status.PENDING,
                held.attempts(),
                nextAttemptAt,
                InboxEvent.storableError(error),
                null));
  }

  @Override
  public boolean markDead(InboxEvent claimed, String error, Instant now) {
    return settle(
        claimed,
        held ->
            held.settled(
                Status.DEAD,
                held.attempts(),
                held.nextAttemptAt(),
                InboxEvent.storableError(error),
                null));
  }

  @Override
  public boolean release(InboxEvent claimed) {
    return settle(
        claimed,
        held ->
            held.settled(
                Status.PENDING, held.attempts() - 1, held.nextAttemptAt(), held.lastError(), null));
  }

  /** Replaces the event if {@code claimed}'s claim still holds it. */
  private boolean settle(InboxEvent claimed, UnaryOperator<InboxEvent> next) {
    return unit.call(
        () -> {
          InboxEvent held = events.get(Key.of(claimed));
          if (held == null
              || held.status() != Status.PROCESSING
              || claimed.claimToken() == null
              || !claimed.claimToken().equals(held.claimToken())) {
            return false;
          }
          store(held, next.apply(held));
          return true;
        });
  }

  /**
   * Stores {@code next} where {@code previous} was (null: nowhere), and registers the way back: the
   * one place where an event and its indexes change, so they cannot disagree.
   */
  private void store(InboxEvent previous, InboxEvent next) {
    put(previous, next);
    unit.undoing(() -> put(next, previous));
  }

  private void put(InboxEvent previous, InboxEvent next) {
    if (previous != null) {
      index(previous).ifPresent(index -> index.remove(Order.of(previous)));
      if (next == null) {
        events.remove(Key.of(previous));
      }
    }
    if (next != null) {
      events.put(Key.of(next), next);
      index(next).ifPresent(index -> index.put(Order.of(next), next));
    }
  }

  private Optional<NavigableMap<Order, InboxEvent>> index(InboxEvent event) {
    return switch (event.status()) {
      case PENDING, PROCESSING -> Optional.of(open);
      case DEAD -> Optional.of(dead);
      case PROCESSED -> Optional.empty();
    };
  }

  @Override
  public Optional<InboxEvent> find(ProviderName provider, EventId id) {
    return unit.call(() -> Optional.ofNullable(events.get(new Key(provider, id))));
  }

  @Override
  public List<InboxEvent> deadLetters(int limit) {
    return unit.call(() -> dead.values().stream().limit(limit).toList());
  }

  @Override
  public InboxBacklog backlog(Instant now) {
    return unit.call(
        () -> {
          Instant oldest = open.isEmpty() ? null : open.firstKey().receivedAt();
          Duration age =
              oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
          return new InboxBacklog(open.size(), dead.size(), age);
        });
  }

  @Override
  public boolean replay(ProviderName provider, EventId id, Instant now) {
    return unit.call(
        () -> {
          InboxEvent held = events.get(new Key(provider, id));
          if (held == null || held.status() != Status.DEAD) {
            return false;
          }
          store(held, held.settled(Status.PENDING, 0, now, held.lastError(), null));
          return true;
        });
  }

  @Override
  public int purgeProcessed(Instant before) {
    return unit.call(
        () -> {
          List<InboxEvent> old =
              events.values().stream()
                  .filter(
                      event ->
                          event.status() == Status.PROCESSED
                              && event.processedAt().isBefore(before))
                  .toList();
          old.forEach(event -> store(event, null));
          return old.size();
        });
  }
}
