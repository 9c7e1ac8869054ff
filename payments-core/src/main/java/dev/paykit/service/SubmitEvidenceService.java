package dev.paykit.service;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeReport;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.DisputeStep;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.idempotency.IdempotencyScope;
import dev.paykit.domain.idempotency.RequestFingerprint;
import dev.paykit.port.in.DisputeNotFoundException;
import dev.paykit.port.in.EvidenceDeadlinePassedException;
import dev.paykit.port.in.EvidenceNotAcceptedException;
import dev.paykit.port.in.EvidenceResult;
import dev.paykit.port.in.SubmitEvidence;
import dev.paykit.port.in.SubmitEvidenceCommand;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Stores;
import dev.paykit.port.shared.ProviderError;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends evidence for a dispute through the one idempotency protocol: the key is reserved with a
 * fingerprint of the evidence (digests, never the evidence itself) and the dispute's state checked
 * in one phase, so evidence for a dispute that takes none is refused before anything is sent and
 * leaves its key free. The same key with the same evidence is answered from what is stored; with
 * other evidence it is refused. The provider's acceptance, the dispute's step and the key's
 * completion are one phase; an answer that is not definitive releases the key, so that sending
 * again with it (which the provider recognises) finishes the work.
 */
public final class SubmitEvidenceService implements SubmitEvidence {
  private static final IdempotencyScope SCOPE = IdempotencyScope.SUBMIT_EVIDENCE;

  private final DisputeStore disputes;
  private final ProviderChoice providers;
  private final KeyedRequests requests;
  private final OptimisticWriter writer;
  private final Clock clock;

  @Inject
  SubmitEvidenceService(
      Stores stores,
      ProviderChoice providers,
      KeyedRequests requests,
      OptimisticWriter writer,
      Clock clock) {
    this.disputes = stores.disputes();
    this.providers = providers;
    this.requests = requests;
    this.writer = writer;
    this.clock = clock;
  }

  @Override
  public EvidenceResult submit(SubmitEvidenceCommand command) {
    Dispute dispute = find(command);
    Map<String, String> fields = new HashMap<>(command.evidence().fingerprintFields());
    fields.put("disputeId", dispute.id().value());
    KeyedRequests.Start start =
        requests.begin(
            KeyedRequest.submitEvidence(command.key(), RequestFingerprint.of(fields)),
            dispute.id().value(),
            () -> {
              Dispute current = find(command);
              if (current.state() != DisputeState.NEEDS_RESPONSE) {
                throw new EvidenceNotAcceptedException(current.id().value(), current.state());
              }
            });
    if (start instanceof KeyedRequests.Start.Replay) {
      return new EvidenceResult.Replayed(find(command));
    }
    return send(command, dispute);
  }

  /** To the provider of the disputed payment, the one that opened the dispute. */
  private EvidenceResult send(SubmitEvidenceCommand command, Dispute dispute) {
    ProviderResult<ProviderDispute> answer =
        providers
            .gatewayOf(dispute.paymentId())
            .submitEvidence(command.disputeId(), command.evidence(), command.key());
    return answer.fold(
        success ->
            record(
                command,
                current ->
                    Optional.of(
                        current.evidenceAccepted(
                            DisputeReport.fromEvidenceResponse(
                                success.value(), success.requestId()),
                            clock.instant())),
                true,
                EvidenceResult.Submitted::new),
        rejected -> refused(command, rejected.error()),
        unavailable ->
            record(command, current -> Optional.empty(), false, EvidenceResult.Pending::new),
        unknown ->
            record(command, current -> Optional.empty(), false, EvidenceResult.Pending::new));
  }

  /**
   * A refusal leaves the dispute as it is and frees the key: the same request would be refused
   * again, and other evidence may be sent with it. One because the deadline passed is the typed
   * error; one that says nothing about the evidence (the key in use at the provider, credentials
   * refused) is pending.
   */
  private EvidenceResult refused(SubmitEvidenceCommand command, ProviderError error) {
    EvidenceResult pending =
        record(command, current -> Optional.empty(), false, EvidenceResult.Pending::new);
    return switch (error.kind()) {
      case EVIDENCE_DEADLINE_PASSED ->
          throw new EvidenceDeadlinePassedException(
              command.disputeId().value(), pending.dispute().evidenceDueBy());
      case IDEMPOTENCY_KEY_IN_USE, AUTHENTICATION -> pending;
      case VALIDATION,
          DECLINED,
          NOT_FOUND,
          IDEMPOTENCY_KEY_REUSE,
          NOT_REFUNDABLE,
          REFUND_EXCEEDS_PAYMENT,
          OTHER ->
          new EvidenceResult.Refused(pending.dispute(), error);
    };
  }

  private EvidenceResult record(
      SubmitEvidenceCommand command,
      Function<Dispute, Optional<DisputeStep>> step,
      boolean definitive,
      Function<Dispute, EvidenceResult> result) {
    OptimisticWriter.Written<Dispute, DisputeStep> written =
        writer
            .dispute(
                () -> disputes.findById(command.disputeId()),
                step,
                (current, next) ->
                    requests.settle(SCOPE, command.key(), current.id().value(), definitive))
            .orElseThrow(() -> new DisputeNotFoundException(command.disputeId().value()));
    return result.apply(written.step().map(DisputeStep::dispute).orElse(written.before()));
  }

  private Dispute find(SubmitEvidenceCommand command) {
    return disputes
        .findById(command.disputeId())
        .orElseThrow(() -> new DisputeNotFoundException(command.disputeId().value()));
  }
}
