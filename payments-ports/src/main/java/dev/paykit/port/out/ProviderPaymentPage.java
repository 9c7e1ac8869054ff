package dev.paykit.port.out;

import dev.paykit.domain.payment.ProviderPayment;
import java.util.List;
import java.util.Optional;

/** One page of the provider's payment listing, newest first. */
public record ProviderPaymentPage(List<ProviderPayment> data, String nextCursor) {
  public ProviderPaymentPage {
    data = List.copyOf(data);
  }

  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
