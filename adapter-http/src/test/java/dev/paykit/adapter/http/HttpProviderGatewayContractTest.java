package dev.paykit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.SimulatedOutcome;
import dev.paykit.testkit.ProviderCharges;
import dev.paykit.testkit.ProviderControl;
import dev.paykit.testkit.ProviderFaults;
import dev.paykit.testkit.ProviderFaults.Call;
import dev.paykit.testkit.ProviderGatewayContract;
import dev.paykit.testkit.http.FaultProxy;
import dev.paykit.transport.RecordingObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The gateway contract every {@link ProviderGateway} keeps, run over HTTP against the sandbox with
 * a {@link FaultProxy} in front of it for the faults: the setup a provider author copies.
 */
class HttpProviderGatewayContractTest extends ProviderGatewayContract {
  /** The reference API's answer for a request it did not process. */
  private static final byte[] UNAVAILABLE =
      "{\"error\": {\"code\": \"unavailable\", \"message\": \"Try again later.\"}}"
          .getBytes(StandardCharsets.UTF_8);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static SandboxProvider sandbox;
  private static FaultProxy proxy;
  private static HttpProviderGateway gateway;

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxProvider.start();
    proxy =
        FaultProxy.forwardingTo(sandbox.baseUri())
            .route(Call.CREATE_PAYMENT, "POST", "/v1/payments")
            .route(Call.CREATE_REFUND, "POST", "/v1/payments/{transactionId}/refunds")
            .refusal(503, "application/json", UNAVAILABLE)
            .start();
    ProviderHttpSettings direct = SandboxGateways.settings(sandbox, 3, Duration.ofSeconds(2));
    // Short attempts: the fault tests wait out every one of them.
    gateway =
        HttpProviderGateway.create(
            new ProviderHttpSettings(
                proxy.baseUri(),
                direct.clientId(),
                direct.clientSecret(),
                direct.webhookSecrets(),
                direct.connectTimeout(),
                direct.requestTimeout(),
                direct.retryPolicy()),
            new RecordingObserver(),
            Clock.systemUTC());
  }

  @AfterAll
  static void stopSandbox() {
    proxy.close();
    sandbox.close();
  }

  @Override
  protected ProviderGateway gateway() {
    return gateway;
  }

  @Override
  protected ProviderFaults faults() {
    return proxy;
  }

  @Override
  protected ProviderCharges charges() {
    return new ProviderCharges() {
      @Override
      public int paymentsCreated(ExternalId order) {
        return (int)
            sandbox.payments().stream()
                .filter(payment -> payment.externalId().equals(order.value()))
                .count();
      }

      // The sandbox lists no refunds: they are found in its own answers to refund requests, which
      // the proxy keeps also when a fault kept them from the gateway, and each must exist.
      @Override
      public int refundsCreated(TransactionId payment) {
        Set<String> refundIds = new HashSet<>();
        for (FaultProxy.Answer answer : proxy.answers(Call.CREATE_REFUND)) {
          if (answer.status() / 100 == 2) {
            JsonNode refund = read(answer.body());
            if (payment.value().equals(refund.path("transactionId").asText())) {
              refundIds.add(refund.path("refundId").asText());
            }
          }
        }
        refundIds.forEach(
            id ->
                sandbox
                    .refund(id)
                    .orElseThrow(() -> new AssertionError("the sandbox has no refund " + id)));
        return refundIds.size();
      }
    };
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

  private static JsonNode read(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
