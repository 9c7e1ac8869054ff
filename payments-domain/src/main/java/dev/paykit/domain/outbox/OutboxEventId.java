package dev.paykit.domain.outbox;

import dev.paykit.domain.Require;
import java.util.UUID;

/**
 * The id of an outbox event: stable across every delivery of the event, so it is the shop's
 * de-duplication key.
 */
public record OutboxEventId(String value) {
  public OutboxEventId {
    Require.printableAscii("outboxEventId", value, 1, 64);
  }

  public static OutboxEventId random() {
    return new OutboxEventId("pkevt_" + UUID.randomUUID().toString().replace("-", ""));
  }

  @Override
  public String toString() {
    return value;
  }
}
