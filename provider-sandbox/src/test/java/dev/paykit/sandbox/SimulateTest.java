package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.errorCode;
import static dev.paykit.sandbox.SandboxClient.errorParam;
import static dev.paykit.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulateTest {

  private SandboxProvider sandbox;
  private SandboxClient client;
  private WebhookReceiver receiver;

  @BeforeAll
  void start() {
    receiver = new WebhookReceiver();
    sandbox = SandboxProvider.start(TestSandboxes.fast().webhookUrl(receiver.url()).build());
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  void stop() {
    sandbox.close();
    receiver.close();
  }

  @ParameterizedTest(name = "{0} -> {1} {2} {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "confirmed, confirmed, null, null",
        "declined, cancelled, declined, do_not_honor",
        "cancelled, cancelled, customer_cancelled, null",
        "fraud_suspected, cancelled, fraud_suspected, null",
        "expired, expired, null, null",
        "inprogress, inprogress, null, null"
      })
  void moves_the_payment_to_the_outcome(
      String outcome, String status, String reason, String declineCode) {
    String tx = client.createPayment();

    HttpResponse<String> response = client.simulate(tx, outcome);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode payment = json(client.get("/v1/payments/" + tx));
    assertThat(json(response)).isEqualTo(payment);
    assertThat(payment.get("status").asText()).isEqualTo(status);
    if (reason == null) {
      assertThat(payment.get("failure").isNull()).isTrue();
    } else {
      assertThat(payment.get("failure").get("reason").asText()).isEqualTo(reason);
      assertThat(payment.get("failure").get("declineCode").asText(null)).isEqualTo(declineCode);
    }
  }

  @Test
  void sends_a_webhook_for_each_step_through_inprogress() {
    String tx = client.createPayment();

    client.sandboxPost(
        "/sandbox/payments/" + tx + "/simulate",
        "{\"outcome\":\"declined\",\"declineCode\":\"expired_card\"}");

    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.receivedFor(tx).size() == 2);
    assertThat(receiver.receivedFor(tx))
        .extracting(WebhookReceiver.Received::status)
        .containsExactly("inprogress", "cancelled");
    assertThat(
            receiver
                .receivedFor(tx)
                .get(1)
                .json()
                .get("data")
                .get("failure")
                .get("declineCode")
                .asText())
        .isEqualTo("expired_card");
  }

  @Test
  void rejects_simulating_a_payment_in_a_terminal_state() {
    String tx = client.createPayment();
    client.simulate(tx, "confirmed");

    HttpResponse<String> response = client.simulate(tx, "cancelled");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(errorCode(response)).isEqualTo("invalid_state");
    assertThat(sandbox.payment(tx).orElseThrow().status()).isEqualTo(PaymentStatus.CONFIRMED);
    assertThatThrownBy(() -> sandbox.simulate(tx, SimulatedOutcome.EXPIRED))
        .isInstanceOfSatisfying(
            SandboxApiException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void rejects_bad_outcomes_and_decline_codes() {
    String tx = client.createPayment();

    HttpResponse<String> unknownOutcome = client.simulate(tx, "paid");
    HttpResponse<String> unknownCode =
        client.sandboxPost(
            "/sandbox/payments/" + tx + "/simulate",
            "{\"outcome\":\"declined\",\"declineCode\":\"stolen\"}");
    HttpResponse<String> codeWithoutDecline =
        client.sandboxPost(
            "/sandbox/payments/" + tx + "/simulate",
            "{\"outcome\":\"confirmed\",\"declineCode\":\"invalid_cvv\"}");
    HttpResponse<String> unknownPayment = client.simulate("tx_nothing", "confirmed");

    assertThat(errorParam(unknownOutcome)).isEqualTo("outcome");
    assertThat(errorParam(unknownCode)).isEqualTo("declineCode");
    assertThat(errorParam(codeWithoutDecline)).isEqualTo("declineCode");
    assertThat(unknownPayment.statusCode()).isEqualTo(404);
    assertThat(sandbox.payment(tx).orElseThrow().status()).isEqualTo(PaymentStatus.STARTED);
  }

  @Test
  void the_java_api_simulates_the_same_way() {
    String tx = client.createPayment();

    SandboxPayment payment = sandbox.simulate(tx, SimulatedOutcome.DECLINED, "invalid_cvv");

    assertThat(payment.status()).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(payment.failure()).isEqualTo(new SandboxPayment.Failure("declined", "invalid_cvv"));
    assertThat(json(client.get("/v1/payments/" + tx)).get("failure").get("declineCode").asText())
        .isEqualTo("invalid_cvv");
  }
}
