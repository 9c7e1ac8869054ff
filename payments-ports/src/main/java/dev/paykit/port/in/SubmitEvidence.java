package dev.paykit.port.in;

/** Use case: contest a dispute with evidence, idempotently. */
public interface SubmitEvidence {
  /**
   * @throws DisputeNotFoundException if no such dispute is known
   * @throws EvidenceNotAcceptedException if the dispute no longer needs a response
   * @throws EvidenceDeadlinePassedException if the provider refused it as too late
   * @throws IdempotencyKeyReusedException if the key was used for other evidence
   * @throws RequestInProgressException if the key's first request is still running
   */
  EvidenceResult submit(SubmitEvidenceCommand command);
}
