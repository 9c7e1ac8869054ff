package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.errorCode;
import static dev.paykit.sandbox.SandboxClient.errorParam;
import static dev.paykit.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedPaymentMethodTest {

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

  private static String key() {
    return "key-" + UUID.randomUUID();
  }

  private static String checkoutSaving(String customerId) {
    return "{\"amount\":{\"value\":1000,\"currency\":\"EUR\"},\"externalId\":\"sub-1\","
        + "\"successUrl\":\"https://shop.example/ok\",\"cancelUrl\":\"https://shop.example/no\","
        + "\"customerId\":\""
        + customerId
        + "\",\"savePaymentMethod\":true}";
  }

  private static String offSession(String pm, long value) {
    return "{\"amount\":{\"value\":"
        + value
        + ",\"currency\":\"EUR\"},\"externalId\":\"renewal-1\",\"paymentMethodId\":\""
        + pm
        + "\",\"offSession\":true}";
  }

  /** A method saved by a confirmed checkout of a new customer. */
  private String savedMethod(String customerId) {
    HttpResponse<String> created =
        client.postJson("/v1/payments", checkoutSaving(customerId), key());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String tx = json(created).get("transactionId").asText();
    sandbox.simulate(tx, SimulatedOutcome.CONFIRMED);
    return json(client.get("/v1/payments/" + tx)).get("paymentMethod").get("id").asText();
  }

  private JsonNode charge(String pm, long value, String key) {
    HttpResponse<String> response = client.postJson("/v1/payments", offSession(pm, value), key);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response);
  }

  @Test
  void aConfirmedCheckoutThatSavesTheMethodShowsOnlyItsIdBrandLast4AndExpiry() {
    String customer = "cust-" + UUID.randomUUID();
    HttpResponse<String> created = client.postJson("/v1/payments", checkoutSaving(customer), key());
    JsonNode started = json(created);
    assertThat(started.get("paymentMethod").isNull()).isTrue();
    assertThat(started.get("customerId").asText()).isEqualTo(customer);
    String tx = started.get("transactionId").asText();
    sandbox.simulate(tx, SimulatedOutcome.CONFIRMED);

    JsonNode method = json(client.get("/v1/payments/" + tx)).get("paymentMethod");
    assertThat(method.get("id").asText()).startsWith("pm_");
    assertThat(method.get("brand").asText()).isEqualTo("visa");
    assertThat(method.get("last4").asText()).isEqualTo("4242");
    assertThat(method.get("expiresAt").asText()).matches("\\d{4}-\\d{2}");
    assertThat(method.size()).isEqualTo(4);

    JsonNode listed = json(client.get("/v1/customers/" + customer + "/payment-methods"));
    assertThat(listed.get("data")).hasSize(1);
    assertThat(listed.get("data").get(0).get("id").asText()).isEqualTo(method.get("id").asText());
  }

  @Test
  void aV1PaymentHasNoneOfTheNewFields() {
    JsonNode payment = json(client.get("/v1/payments/" + client.createPayment()));
    assertThat(payment.has("paymentMethod")).isFalse();
    assertThat(payment.has("customerId")).isFalse();
    assertThat(payment.has("offSession")).isFalse();
  }

  @Test
  void savingAMethodNeedsACustomer() {
    String body =
        "{\"amount\":{\"value\":1000,\"currency\":\"EUR\"},\"externalId\":\"o\","
            + "\"successUrl\":\"https://shop.example/ok\",\"cancelUrl\":\"https://shop.example/no\","
            + "\"savePaymentMethod\":true}";
    HttpResponse<String> response = client.postJson("/v1/payments", body, key());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorParam(response)).isEqualTo("customerId");
  }

  @Test
  void anOffSessionPaymentIsConfirmedAtOnceWithoutACheckout() {
    String pm = savedMethod("cust-" + UUID.randomUUID());
    JsonNode payment = charge(pm, 1000, key());
    assertThat(payment.get("status").asText()).isEqualTo("confirmed");
    assertThat(payment.get("checkoutUrl").isNull()).isTrue();
    assertThat(payment.get("offSession").asBoolean()).isTrue();
    assertThat(payment.get("paymentMethod").get("id").asText()).isEqualTo(pm);
  }

  @Test
  void anOffSessionRetryWithItsKeyChargesOnce() {
    String pm = savedMethod("cust-" + UUID.randomUUID());
    String key = key();
    JsonNode first = charge(pm, 1000, key);
    JsonNode again = charge(pm, 1000, key);
    assertThat(again.get("transactionId").asText()).isEqualTo(first.get("transactionId").asText());
    assertThat(sandbox.ledger().byIdempotencyKey().get(key).payments()).isEqualTo(1);
  }

  @Test
  void theAmountsLastTwoDigitsChooseTheDecline() {
    String pm = savedMethod("cust-" + UUID.randomUUID());
    assertThat(charge(pm, 1051, key()).get("failure").get("declineCode").asText())
        .isEqualTo("insufficient_funds");
    JsonNode sca = charge(pm, 1054, key());
    assertThat(sca.get("status").asText()).isEqualTo("cancelled");
    assertThat(sca.get("failure").get("reason").asText()).isEqualTo("declined");
    assertThat(sca.get("failure").get("declineCode").asText()).isEqualTo("authentication_required");
  }

  @Test
  void queuedOutcomesDecideTheNextChargesInOrder() {
    String pm = savedMethod("cust-" + UUID.randomUUID());
    HttpResponse<String> queued =
        client.sandboxPost(
            "/sandbox/payment-methods/" + pm + "/next-outcome",
            "{\"outcome\":\"declined\",\"declineCode\":\"expired_card\",\"times\":2}");
    assertThat(queued.statusCode()).as(queued.body()).isEqualTo(204);
    assertThat(charge(pm, 1000, key()).get("failure").get("declineCode").asText())
        .isEqualTo("expired_card");
    assertThat(charge(pm, 1000, key()).get("status").asText()).isEqualTo("cancelled");
    assertThat(charge(pm, 1000, key()).get("status").asText()).isEqualTo("confirmed");
  }

  @Test
  void aRemovedMethodIsNoLongerListedAndItsChargesAreDeclined() {
    String customer = "cust-" + UUID.randomUUID();
    String pm = savedMethod(customer);
    HttpResponse<String> removed =
        client.send(client.authorized("/v1/payment-methods/" + pm).DELETE());
    assertThat(removed.statusCode()).isEqualTo(204);
    assertThat(json(client.get("/v1/customers/" + customer + "/payment-methods")).get("data"))
        .isEmpty();
    assertThat(charge(pm, 1000, key()).get("failure").get("declineCode").asText())
        .isEqualTo("payment_method_removed");
  }

  @Test
  void anOffSessionPaymentTakesNoReturnUrlsAndNeedsAKnownMethod() {
    String withUrl =
        "{\"amount\":{\"value\":1000,\"currency\":\"EUR\"},\"externalId\":\"o\","
            + "\"paymentMethodId\":\"pm_x\",\"offSession\":true,"
            + "\"successUrl\":\"https://shop.example/ok\"}";
    HttpResponse<String> response = client.postJson("/v1/payments", withUrl, key());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorParam(response)).isEqualTo("successUrl");

    HttpResponse<String> unknown =
        client.postJson("/v1/payments", offSession("pm_nope", 1000), key());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(errorCode(unknown)).isEqualTo("invalid_request");
    assertThat(errorParam(unknown)).isEqualTo("paymentMethodId");
  }

  @Test
  void removingAnUnknownMethodIsNotFound() {
    HttpResponse<String> response =
        client.send(client.authorized("/v1/payment-methods/pm_unknown").DELETE());
    assertThat(response.statusCode()).isEqualTo(404);
  }
}
