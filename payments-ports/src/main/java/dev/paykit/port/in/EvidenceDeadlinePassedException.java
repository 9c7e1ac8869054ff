package dev.paykit.port.in;

import dev.paykit.domain.PaykitException;
import java.time.Instant;

/**
 * The provider refused the evidence because the dispute's deadline passed: nothing more can be sent
 * for it, and the dispute will be decided on what the bank has.
 */
public final class EvidenceDeadlinePassedException extends PaykitException {
  private static final long serialVersionUID = 1L;

  private final Instant dueBy;

  public EvidenceDeadlinePassedException(String disputeId, Instant dueBy) {
    super(
        "evidence_deadline_passed",
        "dispute:" + disputeId,
        422,
        "evidence for dispute " + disputeId + " was due by " + dueBy);
    this.dueBy = dueBy;
  }

  public Instant dueBy() {
    return dueBy;
  }
}
