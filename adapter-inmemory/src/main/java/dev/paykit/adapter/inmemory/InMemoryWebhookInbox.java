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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The webhook inbox in memory, under its family's lock, so a claim picks and takes its events in
 * one step and two claims never share an event.
 */
final class InMemoryWebhookInbox implements WebhookInbox {
  private static final Comparator<InboxEvent> OLDEST_FIRST =
      Comparator.comparing(InboxEvent::receivedAt).thenComparing(event -> event.id().value());

  private final InMemoryUnitOfWork unit;
  private final Map<Key, InboxEvent> events = new HashMap<>();

  /** Event ids are the providers' own: two providers' events with one id are two events. */
  private record Key(ProviderName provider, EventId id) {
    static Key of(InboxEvent event) {
      return new Key(event.provider(), event.id());
    }
  }

  InMemoryWebhookInbox(InMemoryUnitOfWork unit) {
    this.unit = unit;
  }

  @Override
  public boolean insert(InboxEvent event) {
    return unit.call(
        () -> {
          if (events.putIfAbsent(Key.of(event), event) != null) {
            return false;
          }
          unit.undoing(() -> events.remove(Key.of(event)));
          return true;
        });
  }

  @Override
  public List<InboxEvent> claim(Instant now, int max, Duration claimFor, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    return unit.call(
        () -> {
          List<InboxEvent> due =
              events.values().stream()
                  .filter(event -> isDue(event, now))
                  .sorted(OLDEST_FIRST)
                  .limit(max)
                  .toList();
          List<InboxEvent> claimed = new ArrayList<>(due.size());
          for (InboxEvent event : due) {
            if (event.attempts() >= maxAttempts) {
              replace(
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
            replace(event, held);
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
          replace(held, next.apply(held));
          return true;
        });
  }

  /** Puts {@code next} in the place of the stored {@code event}, undoably. */
  private void replace(InboxEvent event, InboxEvent next) {
    events.put(Key.of(event), next);
    unit.undoing(() -> events.put(Key.of(event), event));
  }

  @Override
  public Optional<InboxEvent> find(ProviderName provider, EventId id) {
    return unit.call(() -> Optional.ofNullable(events.get(new Key(provider, id))));
  }

  @Override
  public List<InboxEvent> deadLetters(int limit) {
    return unit.call(
        () ->
            events.values().stream()
                .filter(event -> event.status() == Status.DEAD)
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList());
  }

  @Override
  public InboxBacklog backlog(Instant now) {
    return unit.call(
        () -> {
          long waiting = 0;
          long dead = 0;
          Instant oldest = null;
          for (InboxEvent event : events.values()) {
            switch (event.status()) {
              case PENDING, PROCESSING -> {
                waiting++;
                if (oldest == null || event.receivedAt().isBefore(oldest)) {
                  oldest = event.receivedAt();
                }
              }
              case DEAD -> dead++;
              case PROCESSED -> {}
            }
          }
          Duration age =
              oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
          return new InboxBacklog(waiting, dead, age);
        });
  }

  @Override
  public boolean replay(ProviderName provider, EventId id, Instant now) {
    return unit.call(
        () -> {
          InboxEvent dead = events.get(new Key(provider, id));
          if (dead == null || dead.status() != Status.DEAD) {
            return false;
          }
          replace(dead, dead.settled(Status.PENDING, 0, now, dead.lastError(), null));
          return true;
        });
  }

  @Override
  public int purgeProcessed(Instant before) {
    return unit.call(
        () -> {
          int purged = 0;
          Iterator<InboxEvent> stored = events.values().iterator();
          while (stored.hasNext()) {
            InboxEvent event = stored.next();
            if (event.status() == Status.PROCESSED && event.processedAt().isBefore(before)) {
              stored.remove();
              unit.undoing(() -> events.put(Key.of(event), event));
              purged++;
            }
          }
          return purged;
        });
  }
}
