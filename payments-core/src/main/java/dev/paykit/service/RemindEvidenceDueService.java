package dev.paykit.service;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.port.in.RemindEvidenceDue;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.Stores;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Raises the {@code dispute.evidence_due} event for every dispute whose evidence is due within the
 * reminder window and was not sent, once per dispute: the reminder is a step of the dispute,
 * written with its outbox event by the one optimistic writer, so of two instances running at once
 * one wins and the other, reading the dispute again, finds it reminded and does nothing. Then it
 * measures the disputes for the gauges.
 */
public final class RemindEvidenceDueService implements RemindEvidenceDue {
  private final DisputeStore disputes;
  private final OptimisticWriter writer;
  private final PaykitObserver observer;
  private final PaykitSettings settings;
  private final Clock clock;

  @Inject
  RemindEvidenceDueService(
      Stores stores,
      OptimisticWriter writer,
      PaykitObserver observer,
      PaykitSettings settings,
      Clock clock) {
    this.disputes = stores.disputes();
    this.writer = writer;
    this.observer = observer;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public int remindDue() {
    Duration window = settings.disputes().reminderWindow();
    Instant now = clock.instant();
    int raised = 0;
    for (Dispute due : disputes.findReminderDue(now.plus(window), settings.reconcileBatch())) {
      boolean reminded =
          writer
              .dispute(
                  () -> Optional.of(due),
                  current -> current.remindIfDue(clock.instant(), window),
                  (current, next) -> {})
              .flatMap(OptimisticWriter.Written::step)
              .isPresent();
      if (reminded) {
        raised++;
      }
    }
    observer.on(
        new PaykitEvent.DisputesMeasured(clock.instant(), disputes.countByStateAndReason()));
    return raised;
  }
}
