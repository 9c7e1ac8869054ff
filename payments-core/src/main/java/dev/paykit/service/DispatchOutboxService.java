package dev.paykit.service;

import dev.paykit.domain.PaykitException;
import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.OutboxRunReport;
import dev.paykit.port.in.StopSignal;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentEventHandler;
import dev.paykit.port.out.Stores;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.OutboxDelivery;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands the outbox's events to the shop's handler, at least once and in order per payment. The
 * handler runs outside any phase (it is the shop's code and may be slow); only marking the event
 * delivered follows it, so a dispatcher that dies in between leaves the event claimed, and it is
 * delivered again once the claim runs out. A handler that throws gets the event again after an
 * exponential backoff with full jitter, so that many failing events do not all come back at once;
 * after {@link PaykitSettings.OutboxRetry#maxAttempts()} deliveries it is dead-lettered. So is an
 * event whose hand-over kills its dispatchers (an {@link Error} is not caught): the outbox buries
 * it at the claim after that many attempts that were never settled. A dispatcher asked to stop
 * gives back what it claimed and did not hand over.
 */
public final class DispatchOutboxService implements DispatchOutbox {
  private final Outbox outbox;
  private final Optional<PaymentEventHandler> handler;
  private final PaykitObserver observer;
  private final PaykitSettings.OutboxRetry retry;
  private final Clock clock;

  @Inject
  DispatchOutboxService(
      Stores stores,
      Optional<PaymentEventHandler> handler,
      PaykitObserver observer,
      PaykitSettings settings,
      Clock clock) {
    this.outbox = stores.outbox();
    this.handler = handler;
    this.observer = observer;
    this.retry = settings.outbox();
    this.clock = clock;
  }

  @Override
  public OutboxRunReport dispatchPending(int maxEvents, StopSignal stop) {
    PaymentEventHandler shop =
        handler.orElseThrow(
            () ->
                new IllegalStateException(
                    "no PaymentEventHandler is registered: give one to PaykitCore.builder()"
                        + ".eventHandler(...) or bind it with PaykitModule; until then the events"
                        + " wait in the outbox"));
    if (stop.stopRequested()) {
      return new OutboxRunReport(0, 0, 0, 0);
    }
    List<OutboxDelivery> claimed =
        outbox.claim(clock.instant(), maxEvents, retry.claimFor(), retry.maxAttempts());
    int delivered = 0;
    int retried = 0;
    int dead = 0;
    int released = 0;
    boolean stopping = false;
    for (OutboxDelivery delivery : claimed) {
      stopping = stopping || stop.stopRequested();
      if (stopping) {
        // Given back rather than left to its claim running out: another dispatcher, or this one
        // after a restart, takes it at once, still as its payment's head.
        if (outbox.release(delivery)) {
          released++;
        }
        continue;
      }
      Failed failed = handOver(shop, delivery);
      Instant now = clock.instant();
      if (failed == null) {
        if (outbox.markDelivered(delivery, now)) {
          delivered++;
          observer.on(
              new PaykitEvent.OutboxDelivered(
                  now,
                  delivery.event().id(),
                  delivery.event().type().wireName(),
                  delivery.attempts(),
                  Duration.between(delivery.event().occurredAt(), now)));
        }
      } else if (delivery.attempts() >= retry.maxAttempts()) {
        if (outbox.markDead(delivery, failed.error(), now)) {
          dead++;
          observer.on(
              new PaykitEvent.OutboxDeadLettered(
                  now, delivery.event().id(), delivery.attempts(), failed.error()));
        }
      } else if (outbox.markFailed(delivery, failed.error(), now.plus(delay(delivery, failed)))) {
        retried++;
        observer.on(
            new PaykitEvent.OutboxRetryScheduled(
                now, delivery.event().id(), delivery.attempts(), failed.error()));
      }
    }
    observer.on(
        new PaykitEvent.OutboxBacklogMeasured(clock.instant(), outbox.backlog(clock.instant())));
    return new OutboxRunReport(claimed.size(), delivered, retried, dead, released);
  }

  /** Why a handler did not take an event, and when it asked to be tried again, if it did. */
  private record Failed(String error, Optional<Duration> retryAfter) {}

  /**
   * Calls the handler; null when it returned, else why not: the exception's type, or a Paykit
   * error's code, never its message, which may quote anything the shop's code saw.
   */
  private static Failed handOver(PaymentEventHandler shop, OutboxDelivery delivery) {
    try {
      shop.handle(delivery.event());
      return null;
    } catch (Exception e) {
      String error =
          e instanceof PaykitException paykit
              ? paykit.code() + " (" + paykit.subject() + ")"
              : e.getClass().getName();
      Optional<Duration> after =
          e instanceof PaymentEventHandler.RetryAfter asked ? asked.retryAfter() : Optional.empty();
      return new Failed(error, after);
    }
  }

  /** The backoff, or the handler's own wait when it asked for a longer one. */
  private Duration delay(OutboxDelivery delivery, Failed failed) {
    Duration backoff = backoff(delivery.attempts());
    return failed.retryAfter().filter(asked -> asked.compareTo(backoff) > 0).orElse(backoff);
  }

  /** Full jitter: uniformly between zero and the capped exponential delay. */
  private Duration backoff(int attempts) {
    Duration ceiling = retry.base();
    for (int i = 1; i < attempts && ceiling.compareTo(retry.max()) < 0; i++) {
      ceiling = ceiling.multipliedBy(2);
    }
    if (ceiling.compareTo(retry.max()) > 0) {
      ceiling = retry.max();
    }
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling.toNanos() + 1));
  }

  @Override
  public List<OutboxDelivery> deadLetters(int limit) {
    return outbox.deadLetters(limit);
  }

  @Override
  public boolean replay(OutboxEventId id) {
    return outbox.replay(id, clock.instant());
  }

  @Override
  public OutboxBacklog backlog() {
    return outbox.backlog(clock.instant());
  }
}
