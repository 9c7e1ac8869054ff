package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.port.shared.WebhookVerification.Reason;
import dev.paykit.sandbox.Fault;
import dev.paykit.sandbox.SandboxConfig;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.sandbox.SandboxSecret;
import dev.paykit.sandbox.SimulatedOutcome;
import dev.paykit.transport.RecordingObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier and parser on the sandbox's real webhook deliveries. */
class SandboxWebhookVerificationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private SandboxProvider sandbox;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final JacksonWebhookParser parser = new JacksonWebhookParser();

  @BeforeEach
  void startSandbox() {
    sandbox =
        SandboxProvider.start(
            SandboxConfig.builder()
                .webhookInitialBackoff(Duration.ofMillis(20))
                .webhookMaxBackoff(Duration.ofMillis(100))
                .build());
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  private StandardWebhookVerifier verifier(SandboxSecret... secrets) {
    List<Secret> held = java.util.Arrays.stream(secrets).map(s -> Secret.of(s.reveal())).toList();
    return new StandardWebhookVerifier(held, Clock.systemUTC());
  }

  private TransactionId confirmedPayment() {
    HttpProviderGateway gateway =
        HttpProviderGateway.create(
            SandboxGateways.settings(sandbox, 1, Duration.ofSeconds(5)),
            new RecordingObserver(),
            Clock.systemUTC());
    ProviderResult<ProviderPayment> created =
        gateway.createPayment(
            SandboxGateways.request("order-" + run, 1050), IdempotencyKey.of("wh-" + run));
    TransactionId tx = ((ProviderResult.Success<ProviderPayment>) created).value().transactionId();
    sandbox.simulate(tx.value(), SimulatedOutcome.CONFIRMED);
    return tx;
  }

  @Test
  void real_deliveries_verify_and_parse_into_the_payment_they_describe() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(verifier(sandbox.webhookSecret()))) {
      sandbox.setWebhookUrl(receiver.url());

      TransactionId tx = confirmedPayment();

      List<WebhookReceiver.Delivery> deliveries = receiver.next(2, WAIT);
      assertThat(deliveries)
          .allSatisfy(
              d -> assertThat(d.verification()).isInstanceOf(WebhookVerification.Verified.class));
      List<ProviderStatus> statuses =
          deliveries.stream()
              .map(d -> (WebhookEvent.PaymentStatusChanged) parser.parse(d.body()))
              .peek(event -> assertThat(event.payment().transactionId()).isEqualTo(tx))
              .map(event -> event.payment().status())
              .toList();
      assertThat(statuses)
          .containsExactlyInAnyOrder(ProviderStatus.IN_PROGRESS, ProviderStatus.CONFIRMED);
      WebhookVerification.Verified verified =
          (WebhookVerification.Verified) deliveries.get(0).verification();
      assertThat(verified.signedEventId()).contains(parser.parse(deliveries.get(0).body()).id());
    }
  }

  @Test
  void a_delivery_signed_with_a_wrong_key_is_rejected_and_its_retry_verifies() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(verifier(sandbox.webhookSecret()))) {
      sandbox.setWebhookUrl(receiver.url());
      sandbox.faults().inject(Fault.webhookBadSignature());

      confirmedPayment();

      WebhookReceiver.Delivery forged = receiver.next(WAIT);
      assertThat(forged.verification())
          .isEqualTo(
              new WebhookVerification.Rejected(
                  Reason.NO_MATCHING_SIGNATURE,
                  "1 v1 signature(s) checked against 1 secret(s), none matches"));
      String forgedId = forged.headers().first("webhook-id").orElseThrow();
      WebhookReceiver.Delivery retried =
          receiver.next(2, WAIT).stream()
              .filter(d -> d.headers().first("webhook-id").orElseThrow().equals(forgedId))
              .findFirst()
              .orElseThrow();
      assertThat(retried.verification()).isInstanceOf(WebhookVerification.Verified.class);
    }
  }

  @Test
  void during_a_rotation_receivers_holding_either_secret_verify() throws Exception {
    SandboxSecret old = sandbox.webhookSecret();
    SandboxSecret next = SandboxSecret.randomWebhookSecret();
    try (WebhookReceiver receiver = new WebhookReceiver(verifier(next))) {
      sandbox.setWebhookUrl(receiver.url());
      sandbox.rotateWebhookSecret(next);

      confirmedPayment();

      WebhookReceiver.Delivery delivery = receiver.next(WAIT);
      assertThat(delivery.verification()).isInstanceOf(WebhookVerification.Verified.class);
      assertThat(delivery.headers().first("webhook-signature").orElseThrow().split(" ")).hasSize(2);
      assertThat(verifier(old).verify(delivery.body(), delivery.headers()))
          .isInstanceOf(WebhookVerification.Verified.class);
      SandboxSecret stranger = SandboxSecret.randomWebhookSecret();
      assertThat(verifier(stranger).verify(delivery.body(), delivery.headers()))
          .isInstanceOf(WebhookVerification.Rejected.class);
    }
  }

  @Test
  void a_duplicated_delivery_verifies_with_the_same_event_id() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(verifier(sandbox.webhookSecret()))) {
      sandbox.setWebhookUrl(receiver.url());
      sandbox.faults().inject(Fault.webhookDuplicates(2));

      confirmedPayment();

      List<WebhookReceiver.Delivery> deliveries = receiver.next(3, WAIT);
      List<String> ids =
          deliveries.stream()
              .map(
                  d ->
                      ((WebhookVerification.Verified) d.verification())
                          .signedEventId()
                          .orElseThrow()
                          .value())
              .toList();
      // The first event came twice under one id; the second once.
      assertThat(new HashSet<>(ids)).hasSize(2);
    }
  }
}
