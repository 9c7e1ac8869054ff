package dev.paykit.domain.dispute;

/**
 * What can happen to a dispute, as {@link DisputeLifecycle}'s table is keyed: the provider's
 * reports of each state, its acceptance of the merchant's evidence, and Paykit's reminder that the
 * evidence is due.
 */
public enum DisputeEvent {
  REPORTED_NEEDS_RESPONSE(DisputeState.NEEDS_RESPONSE),
  REPORTED_UNDER_REVIEW(DisputeState.UNDER_REVIEW),
  REPORTED_WON(DisputeState.WON),
  REPORTED_LOST(DisputeState.LOST),
  /** The provider accepted the merchant's evidence; it moves the dispute under review. */
  EVIDENCE_ACCEPTED(DisputeState.UNDER_REVIEW),
  /** The evidence is due soon and was not sent: the shop was told. */
  DEADLINE_REMINDED(null);

  private final DisputeState says;

  DisputeEvent(DisputeState says) {
    this.says = says;
  }

  /** The state the event speaks of, or null for one that speaks of none. */
  public DisputeState says() {
    return says;
  }

  /** The report of {@code state}. */
  public static DisputeEvent reported(DisputeState state) {
    return switch (state) {
      case NEEDS_RESPONSE -> REPORTED_NEEDS_RESPONSE;
      case UNDER_REVIEW -> REPORTED_UNDER_REVIEW;
      case WON -> REPORTED_WON;
      case LOST -> REPORTED_LOST;
    };
  }
}
