package dev.paykit.port.in;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.port.shared.ProviderError;

/** What became of evidence sent for a dispute. */
public sealed interface EvidenceResult {
  Dispute dispute();

  /** The provider took the evidence; the dispute is as it answered (under review). */
  record Submitted(Dispute dispute) implements EvidenceResult {}

  /** The same key and evidence were sent before: the dispute as it is now, nothing sent again. */
  record Replayed(Dispute dispute) implements EvidenceResult {}

  /**
   * The provider could not be reached or its answer was lost: send again with the same key, which
   * never sends twice.
   */
  record Pending(Dispute dispute) implements EvidenceResult {}

  /** The provider refused the evidence for a reason other than the deadline. */
  record Refused(Dispute dispute, ProviderError error) implements EvidenceResult {}
}
