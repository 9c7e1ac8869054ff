package dev.paykit.port.in;

/**
 * What one scheduler pass did: how many subscriptions it claimed, notices it sent, renewal charges
 * it started, and other steps it wrote (activations, answers, dunning, ends).
 */
public record SubscriptionRunReport(int claimed, int notices, int charges, int steps) {
  public static final SubscriptionRunReport NONE = new SubscriptionRunReport(0, 0, 0, 0);
}
