package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExpiryTest {

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:15:30Z"));
  private final WebhookReceiver receiver = new WebhookReceiver();
  private SandboxProvider sandbox;
  private SandboxClient client;

  private void start(Duration sweepInterval) {
    sandbox =
        SandboxProvider.start(
            TestSandboxes.fast()
                .clock(clock)
                .tokenTtl(Duration.ofDays(1))
                .expirySweepInterval(sweepInterval)
                .webhookUrl(receiver.url())
                .build());
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
    receiver.close();
  }

  @Test
  void a_payment_past_its_expiry_is_expired_on_look_up() {
    start(Duration.ofHours(1));
    String tx = client.createPayment();
    clock.advance(Duration.ofSeconds(899));
    assertThat(json(client.get("/v1/payments/" + tx)).get("status").asText()).isEqualTo("started");

    clock.advance(Duration.ofSeconds(1));

    assertThat(json(client.get("/v1/payments/" + tx)).get("status").asText()).isEqualTo("expired");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.receivedFor(tx).size() == 1);
    assertThat(receiver.receivedFor(tx).get(0).status()).isEqualTo("expired");
    assertThat(receiver.receivedFor(tx).get(0).json().get("data").get("updatedAt").asText())
        .isEqualTo("2026-11-24T10:30:30Z");
  }

  @Test
  void the_background_sweep_expires_payments_and_sends_the_webhook() {
    start(Duration.ofMillis(20));
    String tx = client.createPayment();
    clock.advance(Duration.ofMinutes(20));

    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.receivedFor(tx).size() == 1);

    assertThat(receiver.receivedFor(tx).get(0).status()).isEqualTo("expired");
    assertThat(sandbox.payments().get(0).status()).isEqualTo(PaymentStatus.EXPIRED);
  }

  @Test
  void an_inprogress_payment_expires_too_but_a_terminal_one_never_changes() {
    start(Duration.ofHours(1));
    String confirmed = client.createPayment();
    sandbox.simulate(confirmed, SimulatedOutcome.CONFIRMED);
    String open = client.createPayment();
    assertThat(client.simulate(open, "inprogress").statusCode()).isEqualTo(200);
    assertThat(sandbox.payment(open).orElseThrow().status()).isEqualTo(PaymentStatus.INPROGRESS);

    clock.advance(Duration.ofDays(2).minusHours(1));

    assertThat(sandbox.payment(confirmed).orElseThrow().status())
        .isEqualTo(PaymentStatus.CONFIRMED);
    assertThat(sandbox.payment(open).orElseThrow().status()).isEqualTo(PaymentStatus.EXPIRED);
  }

  @Test
  void an_expired_payment_cannot_be_paid_at_checkout() {
    start(Duration.ofHours(1));
    String tx = client.createPayment();
    clock.advance(Duration.ofHours(1));

    int status =
        client
            .send(
                HttpRequest.newBuilder(client.uri("/checkout/" + tx + "/pay"))
                    .POST(HttpRequest.BodyPublishers.noBody()))
            .statusCode();

    assertThat(status).isEqualTo(409);
    assertThat(sandbox.payment(tx).orElseThrow().status()).isEqualTo(PaymentStatus.EXPIRED);
    assertThat(sandbox.ledger().paymentsConfirmed()).isZero();
  }
}
