package dev.paykit.sandbox;

import static dev.paykit.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutTest {

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

  private HttpResponse<String> page(String tx) {
    return client.send(HttpRequest.newBuilder(client.uri("/checkout/" + tx)).GET());
  }

  private HttpResponse<String> press(String action, String form) {
    return client.send(
        HttpRequest.newBuilder(client.uri(action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** The form action whose button has this label, read from the page like a browser would. */
  private static String actionOf(String html, String button) {
    Matcher m =
        Pattern.compile(
                "<form method=\"post\" action=\"([^\"]+)\">.*?<button[^>]*>"
                    + button
                    + "</button></form>")
            .matcher(html);
    assertThat(m.find()).as("a form with a " + button + " button").isTrue();
    return m.group(1);
  }

  @Test
  void shows_a_page_with_pay_decline_and_cancel_buttons() {
    String tx = client.createPayment("page-order", 1050, "EUR");

    HttpResponse<String> response = page(tx);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body())
        .contains("10.50 EUR", "page-order", "Two concert tickets", tx, ">started<");
    assertThat(actionOf(response.body(), "Pay")).isEqualTo("/checkout/" + tx + "/pay");
    assertThat(actionOf(response.body(), "Decline")).isEqualTo("/checkout/" + tx + "/decline");
    assertThat(actionOf(response.body(), "Cancel")).isEqualTo("/checkout/" + tx + "/cancel");
    assertThat(sandbox.payment(tx).orElseThrow().status()).isEqualTo(PaymentStatus.STARTED);
  }

  @Test
  void pay_confirms_the_payment_via_inprogress_and_redirects_to_the_success_url() {
    String tx = client.createPayment();

    HttpResponse<String> response = press(actionOf(page(tx).body(), "Pay"), "action=pay");

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location"))
        .hasValue("https://shop.example/pay/return?transactionId=" + tx);
    assertThat(json(client.get("/v1/payments/" + tx)).get("status").asText())
        .isEqualTo("confirmed");
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.receivedFor(tx).size() == 2);
    assertThat(receiver.receivedFor(tx))
        .extracting(WebhookReceiver.Received::status)
        .containsExactly("inprogress", "confirmed");
  }

  @Test
  void decline_cancels_with_the_chosen_decline_code_and_redirects_to_the_cancel_url() {
    String tx = client.createPayment();

    HttpResponse<String> response =
        press(
            actionOf(page(tx).body(), "Decline"), "declineCode=insufficient_funds&action=decline");

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location"))
        .hasValue("https://shop.example/pay/cancel?transactionId=" + tx);
    JsonNode payment = json(client.get("/v1/payments/" + tx));
    assertThat(payment.get("status").asText()).isEqualTo("cancelled");
    assertThat(payment.get("failure").get("reason").asText()).isEqualTo("declined");
    assertThat(payment.get("failure").get("declineCode").asText()).isEqualTo("insufficient_funds");
  }

  @Test
  void cancel_cancels_as_customer_cancelled_and_redirects_to_the_cancel_url() {
    String tx = client.createPayment();

    HttpResponse<String> response = press(actionOf(page(tx).body(), "Cancel"), "");

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith("https://shop.example/pay/cancel");
    JsonNode payment = json(client.get("/v1/payments/" + tx));
    assertThat(payment.get("status").asText()).isEqualTo("cancelled");
    assertThat(payment.get("failure").get("reason").asText()).isEqualTo("customer_cancelled");
    assertThat(payment.get("failure").get("declineCode").isNull()).isTrue();
  }

  @Test
  void a_finished_payment_shows_no_buttons_and_cannot_be_paid_again() {
    String tx = client.createPayment();
    press("/checkout/" + tx + "/cancel", "");

    HttpResponse<String> again = press("/checkout/" + tx + "/pay", "");

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already cancelled");
    assertThat(page(tx).body()).doesNotContain("<button").contains("can no longer change");
    assertThat(sandbox.payment(tx).orElseThrow().status()).isEqualTo(PaymentStatus.CANCELLED);
  }

  @Test
  void keeps_the_return_urls_query_and_answers_404_for_an_unknown_payment() {
    URI withQuery =
        ApiHandlers.withTransactionId(URI.create("https://s.example/r?o=1#top"), "tx_1");

    assertThat(withQuery).hasToString("https://s.example/r?o=1&transactionId=tx_1#top");
    assertThat(page("tx_unknown").statusCode()).isEqualTo(404);
    assertThat(press("/checkout/tx_unknown/pay", "").statusCode()).isEqualTo(404);
  }

  @Test
  void escapes_html_in_what_the_merchant_sent() {
    String body =
        SandboxClient.paymentBody("<b>order</b>", 100, "JPY")
            .replace("Two concert tickets", "<script>alert(1)</script>");
    String tx = json(client.createPayment(body, "escape-key")).get("transactionId").asText();

    String html = page(tx).body();

    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;", "&lt;b&gt;order");
    assertThat(html).contains("100 JPY");
  }
}
