package dev.paykit.port.in;

/**
 * What one pass over the outbox did. {@code released} counts the deliveries it claimed and gave
 * back unhanded because it was asked to stop.
 */
public record OutboxRunReport(
    int claimed, int delivered, int retried, int deadLettered, int released) {

  /** A pass that gave nothing back. */
  public OutboxRunReport(int claimed, int delivered, int retried, int deadLettered) {
    this(claimed, delivered, retried, deadLettered, 0);
  }
}
