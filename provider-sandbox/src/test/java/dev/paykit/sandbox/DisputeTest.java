package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.errorCode;
import static dev.paykit.sandbox.SandboxClient.errorParam;
import static dev.paykit.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisputeTest {

  private SandboxProvider sandbox;
  private SandboxClient client;

  @BeforeAll
  void start() {
    sandbox = SandboxProvider.start(TestSandboxes.fast().build());
    client = new SandboxClient(sandbox);
  }

  @AfterAll
  void stop() {
    sandbox.close();
  }

  private String confirmedPayment() {
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.CONFIRMED);
    return tx;
  }

  private JsonNode open(String tx, String body) {
    HttpResponse<String> response =
        client.sandboxPost("/sandbox/payments/" + tx + "/dispute", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response);
  }

  private static String evidence(int documents, int bytesEach) {
    String content = Base64.getEncoder().encodeToString(new byte[bytesEach]);
    StringBuilder docs = new StringBuilder();
    for (int i = 0; i < documents; i++) {
      docs.append(i == 0 ? "" : ",")
          .append("{\"name\":\"receipt-")
          .append(i)
          .append(".pdf\",\"contentBase64\":\"")
          .append(content)
          .append("\"}");
    }
    return "{\"text\":\"Delivered, signed for.\",\"documents\":[" + docs + "]}";
  }

  @Test
  void a_dispute_opens_needing_a_response_for_what_is_still_held_with_a_seven_day_deadline() {
    String tx = confirmedPayment();
    client.refund(tx, 300, "dp-refund-1");

    JsonNode dispute = open(tx, "{\"reason\":\"fraudulent\"}");

    assertThat(dispute.get("disputeId").asText()).matches("dp_[0-9a-z]{24}");
    assertThat(dispute.get("transactionId").asText()).isEqualTo(tx);
    assertThat(dispute.get("status").asText()).isEqualTo("needs_response");
    assertThat(dispute.get("reason").asText()).isEqualTo("fraudulent");
    assertThat(dispute.get("amount").get("value").asLong()).isEqualTo(750);
    assertThat(Instant.parse(dispute.get("evidenceDueBy").asText()))
        .isEqualTo(Instant.parse(dispute.get("createdAt").asText()).plus(Duration.ofDays(7)));
    String id = dispute.get("disputeId").asText();
    assertThat(json(client.get("/v1/disputes/" + id)).get("status").asText())
        .isEqualTo("needs_response");
  }

  @Test
  void a_disputed_amount_cannot_be_refunded_until_the_dispute_is_won() {
    String tx = confirmedPayment();
    String id =
        open(tx, "{\"reason\":\"other\",\"amount\":{\"value\":800,\"currency\":\"EUR\"}}")
            .get("disputeId")
            .asText();

    HttpResponse<String> tooMuch = client.refund(tx, 251, "dp-refund-2");
    HttpResponse<String> rest = client.refund(tx, 250, "dp-refund-2b");
    client.sandboxPost("/sandbox/disputes/" + id + "/resolve", "{\"outcome\":\"won\"}");
    HttpResponse<String> afterWon = client.refund(tx, 1050, "dp-refund-3");

    assertThat(tooMuch.statusCode()).isEqualTo(400);
    assertThat(errorCode(tooMuch)).isEqualTo("refund_exceeds_payment");
    assertThat(rest.statusCode()).isEqualTo(201);
    assertThat(afterWon.statusCode()).isEqualTo(400);
    assertThat(client.refund(tx, 800, "dp-refund-4").statusCode()).isEqualTo(201);
  }

  @Test
  void evidence_moves_the_dispute_under_review_once_per_key() {
    String id =
        open(confirmedPayment(), "{\"reason\":\"product_not_received\"}").get("disputeId").asText();

    HttpResponse<String> first =
        client.postJson("/v1/disputes/" + id + "/evidence", evidence(5, 1024), "ev-key-1");
    HttpResponse<String> replay =
        client.postJson("/v1/disputes/" + id + "/evidence", evidence(5, 1024), "ev-key-1");
    HttpResponse<String> again =
        client.postJson("/v1/disputes/" + id + "/evidence", evidence(1, 10), "ev-key-2");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(json(first).get("status").asText()).isEqualTo("under_review");
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(errorCode(again)).isEqualTo("dispute_not_accepting_evidence");
  }

  @Test
  void evidence_is_refused_with_too_many_documents_or_after_the_deadline() {
    MutableClock own = MutableClock.at(Instant.parse("2026-11-24T10:15:30Z"));
    HttpResponse<String> six;
    HttpResponse<String> late;
    try (SandboxProvider lateSandbox =
        SandboxProvider.start(
            TestSandboxes.fast().clock(own).tokenTtl(Duration.ofDays(30)).build())) {
      SandboxClient lateClient = new SandboxClient(lateSandbox);
      String tx = lateClient.createPayment();
      lateSandbox.simulate(tx, SimulatedOutcome.CONFIRMED);
      String id =
          json(lateClient.sandboxPost(
                  "/sandbox/payments/" + tx + "/dispute", "{\"reason\":\"duplicate\"}"))
              .get("disputeId")
              .asText();

      six = lateClient.postJson("/v1/disputes/" + id + "/evidence", evidence(6, 1), "ev-key-3");
      own.advance(Duration.ofDays(7).plusSeconds(2));
      late = lateClient.postJson("/v1/disputes/" + id + "/evidence", evidence(1, 1), "ev-key-4");
    }

    assertThat(six.statusCode()).isEqualTo(400);
    assertThat(errorParam(six)).isEqualTo("documents");
    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(errorCode(late)).isEqualTo("evidence_deadline_passed");
  }

  @Test
  void a_resolved_dispute_stays_resolved() {
    String id = open(confirmedPayment(), "{\"reason\":\"fraudulent\"}").get("disputeId").asText();

    HttpResponse<String> lost =
        client.sandboxPost("/sandbox/disputes/" + id + "/resolve", "{\"outcome\":\"lost\"}");
    HttpResponse<String> won =
        client.sandboxPost("/sandbox/disputes/" + id + "/resolve", "{\"outcome\":\"won\"}");

    assertThat(json(lost).get("status").asText()).isEqualTo("lost");
    assertThat(won.statusCode()).isEqualTo(409);
  }

  @Test
  void only_a_confirmed_payment_can_be_disputed() {
    String tx = client.createPayment();

    HttpResponse<String> response =
        client.sandboxPost("/sandbox/payments/" + tx + "/dispute", "{\"reason\":\"fraudulent\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("payment_not_disputable");
  }
}
