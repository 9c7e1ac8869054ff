package dev.paykit.testkit;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderResult;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway that counts the {@code createPayment} calls it forwards: a {@link FlowProvider} over a
 * real gateway answers {@link dev.paykit.testkit.fake.ProviderLedger#createCalls()} with it.
 */
public final class CountingCreates extends ForwardingGateway {
  private final AtomicInteger calls = new AtomicInteger();

  public CountingCreates(ProviderGateway delegate) {
    super(delegate);
  }

  @Override
  public ProviderResult<ProviderPayment> createPayment(PaymentRequest request, IdempotencyKey key) {
    calls.incrementAndGet();
    return super.createPayment(request, key);
  }

  /** How many {@code createPayment} calls went through, from any thread. */
  public int createCalls() {
    return calls.get();
  }
}
