package dev.paykit.port.in;

/**
 * What one pass over the inbox did. {@code released} counts the events it claimed and gave back
 * unapplied because it was asked to stop.
 */
public record InboxRunReport(
    int claimed, int processed, int retried, int deadLettered, int released) {

  /** A pass that gave nothing back. */
  public InboxRunReport(int claimed, int processed, int retried, int deadLettered) {
    this(claimed, processed, retried, deadLettered, 0);
  }
}
