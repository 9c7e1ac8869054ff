package dev.paykit.adapter.inmemory;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.port.shared.InboxEvent.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The webhook inbox in memory. One lock guards it, so a claim picks and takes its events in one
 * step and two claims never share an event.
 */
public final class InMemoryWebhookInbox implements WebhookInbox {
  private static final Comparator<InboxEvent> OLDEST_FIRST =
      Comparator.comparing(InboxEvent::receivedAt).thenComparing(event -> event.id().value());

  private final Object lock = new Object();
  private final Map<EventId, InboxEvent> events = new HashMap<>();

  @Override
  public boolean insert(InboxEvent event) {
    synchronized (lock) {
      return events.putIfAbsent(event.id(), event) == null;
    }
  }

  @Override
  public List<InboxEvent> claim(Instant now, int max, Duration claimFor, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    synchronized (lock) {
      List<InboxEvent> due =
          events.values().stream()
              .filter(event -> isDue(event, now))
              .sorted(OLDEST_FIRST)
              .limit(max)
              .toList();
      List<InboxEvent> claimed = new ArrayList<>(due.size());
      for (InboxEvent event : due) {
        if (event.attempts() >= maxAttempts) {
          events.put(
              event.id(),
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
        events.put(held.id(), held);
        claimed.add(held);
      }
      return claimed;
    }
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
    synchronized (lock) {
      InboxEvent held = events.get(claimed.id());
      if (held == null
          || held.status() != Status.PROCESSING
          || claimed.claimToken() == null
          || !claimed.claimToken().equals(held.claimToken())) {
        return false;
      }
      events.put(held.id(), next.apply(held));
      return true;
    }
  }

  @Override
  public Optional<InboxEvent> find(EventId id) {
    synchronized (lock) {
      return Optional.ofNullable(events.get(id));
    }
  }

  @Override
  public List<InboxEvent> deadLetters(int limit) {
    synchronized (lock) {
      return events.values().stream()
          .filter(event -> event.status() == Status.DEAD)
          .sorted(OLDEST_FIRST)
          .limit(limit)
          .toList();
    }
  }

  @Override
  public boolean replay(EventId id, Instant now) {
    synchronized (lock) {
      InboxEvent dead = events.get(id);
      if (dead == null || dead.status() != Status.DEAD) {
        return false;
      }
      events.put(id, dead.settled(Status.PENDING, 0, now, dead.lastError(), null));
      return true;
    }
  }

  @Override
  public int purgeProcessed(Instant before) {
    synchronized (lock) {
      int size = events.size();
      events
          .values()
          .removeIf(
              event -> event.status() == Status.PROCESSED && event.processedAt().isBefore(before));
      return size - events.size();
    }
  }
}
