package dev.paykit.adapter.http;

import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.SimulatedOutcome;
import dev.paykit.testkit.ProviderControl;
import dev.paykit.testkit.ProviderGatewayContract;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The gateway contract every {@link ProviderGateway} keeps, run over HTTP against the sandbox. */
class HttpProviderGatewayContractTest extends ProviderGatewayContract {
  private static SandboxProvider sandbox;
  private static HttpProviderGateway gateway;

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxProvider.start();
    gateway =
        HttpProviderGateway.create(
            SandboxGateways.settings(sandbox, 3, Duration.ofSeconds(5)),
            new RecordingObserver(),
            Clock.systemUTC());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Override
  protected ProviderGateway gateway() {
    return gateway;
  }

  @Override
  protected ProviderControl control() {
    return new ProviderControl() {
      @Override
      public void confirm(TransactionId transactionId) {
        sandbox.simulate(transactionId.value(), SimulatedOutcome.CONFIRMED);
      }

      @Override
      public void decline(TransactionId transactionId, DeclineCode code) {
        sandbox.simulate(transactionId.value(), SimulatedOutcome.DECLINED, code.value());
      }

      @Override
      public void cancel(TransactionId transactionId) {
        sandbox.simulate(transactionId.value(), SimulatedOutcome.CANCELLED);
      }

      @Override
      public void expire(TransactionId transactionId) {
        sandbox.simulate(transactionId.value(), SimulatedOutcome.EXPIRED);
      }
    };
  }
}
