package dev.paykit.port.shared;

import dev.paykit.domain.payment.Payment;
import java.util.List;
import java.util.Optional;

/** One page of a listing; {@code next} is empty on the last page. */
public record PaymentPage(List<Payment> items, PageCursor next) {
  public PaymentPage {
    items = List.copyOf(items);
  }

  public Optional<PageCursor> nextCursor() {
    return Optional.ofNullable(next);
  }
}
