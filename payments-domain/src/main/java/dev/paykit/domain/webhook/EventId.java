package dev.paykit.domain.webhook;

import dev.paykit.domain.Require;

/** The provider's id of an event ({@code evt_...}), stable across redeliveries. */
public record EventId(String value) {
  public EventId {
    Require.printableAscii("webhook-id", value, 1, 255);
  }

  @Override
  public String toString() {
    return value;
  }
}
