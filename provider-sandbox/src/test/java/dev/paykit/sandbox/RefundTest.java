package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.errorCode;
import static dev.paykit.sandbox.SandboxClient.errorParam;
import static dev.paykit.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundTest {

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

  @Test
  void refunds_part_of_a_confirmed_payment_then_the_rest() {
    String tx = confirmedPayment();

    HttpResponse<String> partial = client.refund(tx, 500, "rf-key-1");
    HttpResponse<String> rest = client.refund(tx, 550, "rf-key-2");

    assertThat(partial.statusCode()).isEqualTo(201);
    JsonNode refund = json(partial);
    assertThat(refund.get("refundId").asText()).matches("rf_[0-9a-z]{24}");
    assertThat(refund.get("transactionId").asText()).isEqualTo(tx);
    assertThat(refund.get("status").asText()).isEqualTo("pending");
    assertThat(refund.get("amount").get("value").asLong()).isEqualTo(500);
    assertThat(refund.get("amount").get("currency").asText()).isEqualTo("EUR");
    assertThat(refund.get("createdAt").asText()).endsWith("Z");
    assertThat(rest.statusCode()).isEqualTo(201);
    String refundId = refund.get("refundId").asText();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> json(client.get("/v1/refunds/" + refundId)).get("status").asText(),
            "succeeded"::equals);
    assertThat(sandbox.ledger().refundsFor("rf-key-1")).isEqualTo(1);
    assertThat(sandbox.ledger().refundsFor("rf-key-2")).isEqualTo(1);
    assertThat(client.refund(tx, 1, "rf-key-3").statusCode()).isEqualTo(400);
  }

  @Test
  void lists_the_refunds_and_disputes_of_a_payment_oldest_first_and_none_of_another() {
    String tx = confirmedPayment();
    String first = json(client.refund(tx, 300, "rf-key-list-1")).get("refundId").asText();
    String second = json(client.refund(tx, 200, "rf-key-list-2")).get("refundId").asText();
    SandboxDispute dispute = sandbox.openDispute(tx, "fraudulent", null);

    assertThat(sandbox.refunds(tx))
        .extracting(SandboxRefund::refundId)
        .containsExactly(first, second);
    assertThat(sandbox.disputes(tx))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.disputeId()).isEqualTo(dispute.disputeId());
              assertThat(d.amount().value()).isEqualTo(550);
            });
    assertThat(sandbox.refunds(confirmedPayment())).isEmpty();
    assertThat(sandbox.disputes("tx_unknown")).isEmpty();
  }

  @Test
  void rejects_a_refund_exceeding_what_is_left_of_the_payment() {
    String tx = confirmedPayment();
    client.refund(tx, 1000, "rf-key-4");

    HttpResponse<String> response = client.refund(tx, 51, "rf-key-5");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("refund_exceeds_payment");
    assertThat(errorParam(response)).isEqualTo("amount.value");
    assertThat(client.refund(tx, 50, "rf-key-5").statusCode()).isEqualTo(201);
    assertThat(sandbox.ledger().refundsFor("rf-key-5")).isEqualTo(1);
  }

  @Test
  void rejects_refunding_a_payment_that_is_not_confirmed() {
    String started = client.createPayment();
    String declined = client.createPayment();
    sandbox.simulate(declined, SimulatedOutcome.DECLINED, "insufficient_funds");

    HttpResponse<String> notYet = client.refund(started, 100, "rf-key-6");
    HttpResponse<String> never = client.refund(declined, 100, "rf-key-7");

    assertThat(notYet.statusCode()).isEqualTo(400);
    assertThat(errorCode(notYet)).isEqualTo("payment_not_refundable");
    assertThat(errorCode(never)).isEqualTo("payment_not_refundable");
    assertThat(sandbox.ledger().refundsFor("rf-key-6")).isZero();
  }

  @Test
  void rejects_a_refund_in_another_currency_or_without_amount() {
    String tx = confirmedPayment();

    HttpResponse<String> usd =
        client.postJson(
            "/v1/payments/" + tx + "/refunds",
            "{\"amount\":{\"value\":100,\"currency\":\"USD\"}}",
            "rf-key-8");
    HttpResponse<String> none =
        client.postJson("/v1/payments/" + tx + "/refunds", "{}", "rf-key-9");

    assertThat(errorCode(usd)).isEqualTo("invalid_currency");
    assertThat(errorParam(usd)).isEqualTo("amount.currency");
    assertThat(errorCode(none)).isEqualTo("invalid_amount");
    assertThat(errorParam(none)).isEqualTo("amount");
  }

  @Test
  void requires_an_idempotency_key_and_replays_a_refund_for_the_same_key() {
    String tx = confirmedPayment();

    HttpResponse<String> missing = client.refund(tx, 100, null);
    HttpResponse<String> first = client.refund(tx, 100, "rf-key-10");
    HttpResponse<String> again = client.refund(tx, 100, "rf-key-10");

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(errorCode(missing)).isEqualTo("missing_idempotency_key");
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(json(again).get("refundId")).isEqualTo(json(first).get("refundId"));
    assertThat(sandbox.ledger().refundsFor("rf-key-10")).isEqualTo(1);
  }

  @Test
  void answers_404_for_an_unknown_refund_or_payment() {
    assertThat(errorCode(client.get("/v1/refunds/rf_nothing"))).isEqualTo("not_found");
    assertThat(client.refund("tx_nothing", 100, "rf-key-11").statusCode()).isEqualTo(404);
  }

  @Test
  void ledger_totals_count_what_was_confirmed_and_refunded() {
    long confirmedBefore = sandbox.ledger().totals("HUF").confirmed();
    String tx = client.createPayment("huf-order", 100_000, "HUF");
    sandbox.simulate(tx, SimulatedOutcome.CONFIRMED);
    client.postJson(
        "/v1/payments/" + tx + "/refunds",
        "{\"amount\":{\"value\":30000,\"currency\":\"HUF\"}}",
        "rf-key-12");

    LedgerSnapshot.CurrencyTotals totals = sandbox.ledger().totals("HUF");
    assertThat(totals.created()).isEqualTo(100_000);
    assertThat(totals.confirmed() - confirmedBefore).isEqualTo(100_000);
    assertThat(totals.refunded()).isEqualTo(30_000);
    JsonNode overHttp =
        json(client.send(HttpRequest.newBuilder(client.uri("/sandbox/ledger")).GET()));
    assertThat(overHttp.get("totals").get("HUF").get("refunded").asLong()).isEqualTo(30_000);
    assertThat(overHttp.get("idempotencyKeys").get("rf-key-12").get("refunds").asInt())
        .isEqualTo(1);
    assertThat(overHttp.get("payments").get("confirmed").asLong())
        .isEqualTo(sandbox.ledger().paymentsConfirmed());
  }
}
