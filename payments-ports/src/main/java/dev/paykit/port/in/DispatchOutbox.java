package dev.paykit.port.in;

import dev.paykit.domain.outbox.OutboxEventId;
import dev.paykit.port.shared.OutboxBacklog;
import dev.paykit.port.shared.OutboxDelivery;
import java.util.List;

/**
 * Use case: hand the outbox's events to the shop's handler. A pass claims due events (the head of
 * each payment), calls the handler for each, and marks it delivered, or, when the handler threw,
 * schedules it again with exponential backoff and full jitter, and after the configured attempts
 * moves it to the dead letters.
 */
public interface DispatchOutbox {
  OutboxRunReport dispatchPending(int maxEvents, StopSignal stop);

  default OutboxRunReport dispatchPending(int maxEvents) {
    return dispatchPending(maxEvents, StopSignal.NEVER);
  }

  List<OutboxDelivery> deadLetters(int limit);

  /** Puts a dead letter back, due now; false if there is no such dead letter. */
  boolean replay(OutboxEventId id);

  OutboxBacklog backlog();
}
