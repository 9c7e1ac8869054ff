package dev.paykit.port.in;

import dev.paykit.domain.Require;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.idempotency.IdempotencyKey;

/** Evidence for a dispute, sent with the caller's key: the same key never sends twice. */
public record SubmitEvidenceCommand(DisputeId disputeId, IdempotencyKey key, Evidence evidence) {
  public SubmitEvidenceCommand {
    Require.present("disputeId", disputeId);
    Require.present("idempotencyKey", key);
    Require.present("evidence", evidence);
  }
}
