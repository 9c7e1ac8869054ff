package dev.paykit.domain.dispute;

import dev.paykit.domain.payment.Outcome;
import java.util.Objects;

/**
 * What an event did to a dispute: the dispute as it is now (a version one higher) and the history
 * entry the step wrote, which says whether it was applied, a duplicate, stale, an anomaly or
 * rejected.
 */
public record DisputeStep(Dispute before, Dispute dispute, DisputeHistoryEntry entry) {
  public DisputeStep {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(dispute, "dispute");
    Objects.requireNonNull(entry, "entry");
  }

  public Outcome outcome() {
    return entry.outcome();
  }

  /** Whether the step moved the dispute to another state. */
  public boolean moved() {
    return before.state() != dispute.state();
  }
}
