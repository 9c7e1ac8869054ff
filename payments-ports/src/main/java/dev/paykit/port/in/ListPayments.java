package dev.paykit.port.in;

import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import java.util.Optional;

/** Use case: look payments up and list them by order, state and time, a page at a time. */
public interface ListPayments {
  Optional<Payment> find(PaymentId id);

  PaymentPage list(PaymentQuery query);
}
