package dev.paykit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {

  private final WebhookReceiver receiver = new WebhookReceiver();
  private SandboxProvider sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    start(b -> b);
  }

  private void start(UnaryOperator<SandboxConfig.Builder> customize) {
    if (sandbox != null) {
      sandbox.close();
    }
    sandbox =
        SandboxProvider.start(
            customize.apply(TestSandboxes.fast().webhookUrl(receiver.url())).build());
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
    receiver.close();
  }

  private String secret() {
    return sandbox.webhookSecret().reveal();
  }

  private void awaitReceived(String tx, int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.receivedFor(tx).size() >= count);
  }

  private WebhookDelivery deliveryOf(String eventId) {
    return sandbox.webhookDelivery(eventId).orElseThrow();
  }

  @Test
  void delivers_signed_events_that_an_independent_hmac_verifies() {
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.CONFIRMED);

    awaitReceived(tx, 2);

    List<WebhookReceiver.Received> received = receiver.receivedFor(tx);
    String otherSecret = SandboxSecret.randomWebhookSecret().reveal();
    for (WebhookReceiver.Received r : received) {
      assertThat(WebhookReceiver.verifies(r, secret())).isTrue();
      assertThat(WebhookReceiver.verifies(r, otherSecret)).isFalse();
      assertThat(r.id()).matches("evt_[0-9a-z]{24}");
      assertThat(Math.abs(Long.parseLong(r.timestamp()) - Instant.now().getEpochSecond()))
          .isLessThan(300);
      assertThat(r.signature()).startsWith("v1,").doesNotContain(" ");
      JsonNode event = r.json();
      assertThat(event.get("id").asText()).isEqualTo(r.id());
      assertThat(event.get("type").asText()).isEqualTo("payment.status_changed");
      assertThat(event.get("createdAt").asText()).endsWith("Z");
      assertThat(event.get("data").get("transactionId").asText()).isEqualTo(tx);
      assertThat(event.get("data").has("checkoutUrl")).isTrue();
    }
    assertThat(received)
        .extracting(WebhookReceiver.Received::status)
        .containsExactly("inprogress", "confirmed");
    assertThat(received.get(0).id()).isNotEqualTo(received.get(1).id());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> deliveryOf(received.get(1).id()).state() == WebhookDelivery.State.DELIVERED);
    WebhookDelivery delivery = deliveryOf(received.get(1).id());
    assertThat(delivery.attemptCount()).isEqualTo(1);
    assertThat(delivery.lastStatus()).isEqualTo(204);
    assertThat(delivery.transactionId()).isEqualTo(tx);
  }

  @Test
  void retries_after_a_500_with_the_same_event_id_and_body_until_a_2xx() {
    receiver.answerNext(500, 500);
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.INPROGRESS);

    awaitReceived(tx, 3);

    List<WebhookReceiver.Received> received = receiver.receivedFor(tx);
    assertThat(received)
        .extracting(WebhookReceiver.Received::id)
        .containsOnly(received.get(0).id());
    assertThat(received).allSatisfy(r -> assertThat(r.body()).isEqualTo(received.get(0).body()));
    assertThat(received)
        .allSatisfy(r -> assertThat(WebhookReceiver.verifies(r, secret())).isTrue());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> deliveryOf(received.get(0).id()).state() == WebhookDelivery.State.DELIVERED);
    WebhookDelivery delivery = deliveryOf(received.get(0).id());
    assertThat(delivery.attempts())
        .extracting(WebhookDelivery.Attempt::status)
        .containsExactly(500, 500, 204);
    assertThat(delivery.attemptCount()).isEqualTo(3);
  }

  @Test
  void gives_up_after_the_configured_number_of_attempts() {
    start(b -> b.webhookMaxAttempts(3));
    receiver.respondWith(r -> 503);
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.INPROGRESS);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                !sandbox.webhookDeliveries().isEmpty()
                    && sandbox.webhookDeliveries().get(0).state() == WebhookDelivery.State.FAILED);

    WebhookDelivery delivery = sandbox.webhookDeliveries().get(0);
    assertThat(delivery.attemptCount()).isEqualTo(3);
    assertThat(delivery.lastStatus()).isEqualTo(503);
    assertThat(receiver.receivedFor(tx)).hasSize(3);
  }

  @Test
  void keeps_retrying_an_unreachable_url_and_delivers_once_it_is_fixed() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/webhooks");
    }
    start(
        b ->
            b.webhookUrl(closed)
                .webhookInitialBackoff(Duration.ofMillis(100))
                .webhookMaxAttempts(20));
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.INPROGRESS);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sandbox.webhookDeliveries().get(0).attemptCount() >= 1);
    assertThat(sandbox.webhookDeliveries().get(0).lastStatus()).isZero();
    assertThat(sandbox.webhookDeliveries().get(0).attempts().get(0).error()).isNotBlank();

    sandbox.setWebhookUrl(receiver.url());

    awaitReceived(tx, 1);
    assertThat(WebhookReceiver.verifies(receiver.receivedFor(tx).get(0), secret())).isTrue();
  }

  @Test
  void duplicate_fault_delivers_the_same_event_several_times() {
    String injected =
        client
            .sandboxPost("/sandbox/faults", "{\"kind\":\"webhook_duplicate\",\"copies\":3}")
            .body();
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.INPROGRESS);

    awaitReceived(tx, 3);

    assertThat(injected).contains("\"kind\":\"webhook_duplicate\"");
    List<WebhookReceiver.Received> received = receiver.receivedFor(tx);
    assertThat(received)
        .extracting(WebhookReceiver.Received::id)
        .containsOnly(received.get(0).id());
    assertThat(received)
        .allSatisfy(r -> assertThat(WebhookReceiver.verifies(r, secret())).isTrue());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> deliveryOf(received.get(0).id()).attemptCount() == 3);
    assertThat(deliveryOf(received.get(0).id()).attempts())
        .extracting(WebhookDelivery.Attempt::duplicate)
        .containsExactly(false, true, true);
  }

  @Test
  void reorder_fault_delivers_a_transactions_events_in_reverse_order() {
    client.sandboxPost("/sandbox/faults", "{\"kind\":\"webhook_reorder\",\"events\":2}");
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.CONFIRMED);

    awaitReceived(tx, 2);

    assertThat(receiver.receivedFor(tx))
        .extracting(WebhookReceiver.Received::status)
        .containsExactly("confirmed", "inprogress");
    String other = client.createPayment();
    sandbox.simulate(other, SimulatedOutcome.CONFIRMED);
    awaitReceived(other, 2);
    assertThat(receiver.receivedFor(other))
        .extracting(WebhookReceiver.Received::status)
        .containsExactly("inprogress", "confirmed");
  }

  @Test
  void reorder_fault_releases_what_it_holds_after_its_max_hold() {
    String first = client.createPayment();
    sandbox
        .faults()
        .inject(Fault.webhookReorder(5).forTransaction(first).maxHold(Duration.ofMillis(300)));
    sandbox.simulate(first, SimulatedOutcome.CANCELLED);

    awaitReceived(first, 2);

    assertThat(receiver.receivedFor(first))
        .extracting(WebhookReceiver.Received::status)
        .containsExactly("cancelled", "inprogress");
  }

  @Test
  void clearing_faults_releases_held_events_at_once() {
    sandbox.faults().inject(Fault.webhookReorder(5).maxHold(Duration.ofSeconds(60)));
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.CONFIRMED);
    assertThat(sandbox.webhookDeliveries())
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.attemptCount()).isZero());

    int status =
        client.send(HttpRequest.newBuilder(client.uri("/sandbox/faults")).DELETE()).statusCode();

    assertThat(status).isEqualTo(200);
    awaitReceived(tx, 2);
    assertThat(receiver.receivedFor(tx))
        .extracting(WebhookReceiver.Received::status)
        .containsExactly("confirmed", "inprogress");
  }

  @Test
  void bad_signature_fault_signs_one_attempt_wrongly_and_the_retry_correctly() {
    receiver.respondWith(r -> WebhookReceiver.verifies(r, secret()) ? 204 : 400);
    sandbox.faults().inject(Fault.webhookBadSignature());
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.INPROGRESS);

    awaitReceived(tx, 2);

    List<WebhookReceiver.Received> received = receiver.receivedFor(tx);
    assertThat(WebhookReceiver.verifies(received.get(0), secret())).isFalse();
    assertThat(WebhookReceiver.verifies(received.get(1), secret())).isTrue();
    assertThat(received.get(0).signature()).startsWith("v1,");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> deliveryOf(received.get(0).id()).state() == WebhookDelivery.State.DELIVERED);
    assertThat(deliveryOf(received.get(0).id()).attempts())
        .extracting(WebhookDelivery.Attempt::badSignature, WebhookDelivery.Attempt::status)
        .containsExactly(tuple(true, 400), tuple(false, 204));
  }

  @Test
  void delay_fault_holds_the_first_attempt_back() {
    sandbox.faults().inject(Fault.webhookDelay(Duration.ofMillis(400)));
    String tx = client.createPayment();
    Instant before = Instant.now();
    sandbox.simulate(tx, SimulatedOutcome.INPROGRESS);

    awaitReceived(tx, 1);

    assertThat(Duration.between(before, receiver.receivedFor(tx).get(0).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void a_rotated_secret_signs_with_both_the_new_and_the_old_secret() {
    String old = secret();
    SandboxSecret next = SandboxSecret.randomWebhookSecret();
    sandbox.rotateWebhookSecret(next);
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.INPROGRESS);

    awaitReceived(tx, 1);

    WebhookReceiver.Received r = receiver.receivedFor(tx).get(0);
    assertThat(r.signature().split(" ")).hasSize(2);
    assertThat(WebhookReceiver.verifies(r, old)).isTrue();
    assertThat(WebhookReceiver.verifies(r, next.reveal())).isTrue();
    assertThat(sandbox.webhookSecret()).isSameAs(next);
  }

  @Test
  void events_without_a_webhook_url_are_recorded_but_never_sent() {
    start(b -> b.webhookUrl(null));
    String quiet = client.createPayment();
    sandbox.simulate(quiet, SimulatedOutcome.CONFIRMED);
    assertThat(sandbox.webhookDeliveries())
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.state()).isEqualTo(WebhookDelivery.State.NO_ENDPOINT));

    sandbox.setWebhookUrl(receiver.url());
    String loud = client.createPayment();
    sandbox.simulate(loud, SimulatedOutcome.INPROGRESS);

    awaitReceived(loud, 1);
    assertThat(receiver.received()).hasSize(1);
    assertThat(receiver.receivedFor(quiet)).isEmpty();
  }

  @Test
  void a_succeeded_refund_sends_a_refund_status_changed_event() {
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.CONFIRMED);
    String refundId =
        SandboxClient.json(client.refund(tx, 300, "refund-webhook")).get("refundId").asText();

    awaitReceived(tx, 3);

    WebhookReceiver.Received r = receiver.receivedFor(tx).get(2);
    assertThat(r.json().get("type").asText()).isEqualTo("refund.status_changed");
    assertThat(r.json().get("data").get("refundId").asText()).isEqualTo(refundId);
    assertThat(r.json().get("data").get("status").asText()).isEqualTo("succeeded");
    assertThat(WebhookReceiver.verifies(r, secret())).isTrue();
  }

  @Test
  void lists_deliveries_over_http() {
    String tx = client.createPayment();
    sandbox.simulate(tx, SimulatedOutcome.INPROGRESS);
    awaitReceived(tx, 1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sandbox.webhookDeliveries().get(0).state() == WebhookDelivery.State.DELIVERED);

    JsonNode body =
        SandboxClient.json(
            client.send(HttpRequest.newBuilder(client.uri("/sandbox/webhooks")).GET()));

    JsonNode first = body.get("data").get(0);
    assertThat(first.get("eventId").asText()).isEqualTo(receiver.receivedFor(tx).get(0).id());
    assertThat(first.get("state").asText()).isEqualTo("delivered");
    assertThat(first.get("attempts").asInt()).isEqualTo(1);
    assertThat(first.get("lastStatus").asInt()).isEqualTo(204);
  }
}
