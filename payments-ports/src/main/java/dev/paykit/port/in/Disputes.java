package dev.paykit.port.in;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeHistoryEntry;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.payment.PaymentId;
import java.util.List;
import java.util.Optional;

/** Use case: look disputes up, with their timelines. */
public interface Disputes {
  Optional<Dispute> find(DisputeId id);

  /** The disputes of a payment, oldest first. */
  List<Dispute> ofPayment(PaymentId paymentId);

  /** The dispute's timeline, oldest first; empty if there is no such dispute. */
  List<DisputeHistoryEntry> timeline(DisputeId id);
}
