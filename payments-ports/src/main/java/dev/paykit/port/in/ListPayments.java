package dev.paykit.port.in;

import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import java.util.List;
import java.util.Optional;

/** Use case: look payments up and list them by order, state and time, a page at a time. */
public interface ListPayments {
  Optional<Payment> find(PaymentId id);

  PaymentPage list(PaymentQuery query);

  /**
   * The payment's audit trail, oldest first: every distinct report with its source and event id,
   * and how often it was repeated. Empty if there is no such payment.
   */
  List<HistoryEntry> history(PaymentId id);
}
