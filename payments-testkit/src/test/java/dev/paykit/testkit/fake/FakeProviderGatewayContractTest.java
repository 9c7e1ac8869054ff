package dev.paykit.testkit.fake;

import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.testkit.ProviderCharges;
import dev.paykit.testkit.ProviderControl;
import dev.paykit.testkit.ProviderFaults;
import dev.paykit.testkit.ProviderGatewayContract;
import java.time.Clock;

class FakeProviderGatewayContractTest extends ProviderGatewayContract {
  private final FakeProvider fake = new FakeProvider(Clock.systemUTC());

  @Override
  protected ProviderGateway gateway() {
    return fake.gateway();
  }

  @Override
  protected ProviderFaults faults() {
    return fake.faults();
  }

  @Override
  protected ProviderCharges charges() {
    return fake.ledger();
  }

  @Override
  protected ProviderControl control() {
    return new ProviderControl() {
      @Override
      public void confirm(TransactionId transactionId) {
        fake.move(transactionId, ProviderStatus.CONFIRMED, null);
      }

      @Override
      public void decline(TransactionId transactionId, DeclineCode code) {
        fake.move(transactionId, ProviderStatus.DECLINED, Failure.declined(code));
      }

      @Override
      public void cancel(TransactionId transactionId) {
        fake.move(
            transactionId, ProviderStatus.CANCELLED, Failure.of(FailureReason.CUSTOMER_CANCELLED));
      }

      @Override
      public void expire(TransactionId transactionId) {
        fake.move(transactionId, ProviderStatus.EXPIRED, null);
      }
    };
  }
}
