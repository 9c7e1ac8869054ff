package dev.paykit.port.in;

import dev.paykit.domain.PaykitException;
import dev.paykit.domain.dispute.DisputeState;

/**
 * Evidence is only taken while a dispute needs a response; this one is under review or decided.
 * Checked before anything is sent.
 */
public final class EvidenceNotAcceptedException extends PaykitException {
  private static final long serialVersionUID = 1L;

  private final DisputeState state;

  public EvidenceNotAcceptedException(String disputeId, DisputeState state) {
    super(
        "evidence_not_accepted",
        "dispute:" + disputeId,
        409,
        "dispute " + disputeId + " is " + state + " and takes no evidence");
    this.state = state;
  }

  public DisputeState state() {
    return state;
  }
}
