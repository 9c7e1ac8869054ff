package dev.paykit.service;

import dev.paykit.domain.dispute.Dispute;
import dev.paykit.domain.dispute.DisputeHistoryEntry;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.in.Disputes;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.Stores;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Disputes and their timelines, as stored. */
public final class DisputesService implements Disputes {
  private final DisputeStore disputes;

  @Inject
  DisputesService(Stores stores) {
    this.disputes = stores.disputes();
  }

  @Override
  public Optional<Dispute> find(DisputeId id) {
    return disputes.findById(id);
  }

  @Override
  public List<Dispute> ofPayment(PaymentId paymentId) {
    return disputes.findByPaymentId(paymentId);
  }

  @Override
  public List<DisputeHistoryEntry> timeline(DisputeId id) {
    return disputes.history(id);
  }
}
