package dev.paykit.service;

import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Reads payments; the store does the filtering and the paging. */
public final class ListPaymentsService implements ListPayments {
  private final PaymentStore payments;

  @Inject
  ListPaymentsService(Stores stores) {
    this.payments = stores.payments();
  }

  @Override
  public Optional<Payment> find(PaymentId id) {
    return payments.findById(id);
  }

  @Override
  public PaymentPage list(PaymentQuery query) {
    return payments.list(query);
  }

  @Override
  public List<HistoryEntry> history(PaymentId id) {
    return payments.history(id);
  }
}
