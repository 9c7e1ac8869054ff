package dev.paykit.port.shared;

import java.time.Duration;
import java.util.Objects;

/**
 * What waits in the webhook inbox: events received and not applied yet (pending or being
 * processed), dead letters, and how long the oldest waiting event has waited since it was received
 * (zero when none waits), the signal that the workers have stopped or fall behind.
 */
public record InboxBacklog(long waiting, long dead, Duration oldestWaitingAge) {
  public InboxBacklog {
    Objects.requireNonNull(oldestWaitingAge, "oldestWaitingAge");
  }

  /** An inbox with nothing in it. */
  public static final InboxBacklog EMPTY = new InboxBacklog(0, 0, Duration.ZERO);
}
