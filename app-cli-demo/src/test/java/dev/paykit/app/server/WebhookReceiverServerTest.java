package dev.paykit.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.adapter.inmemory.InMemoryWebhookInbox;
import dev.paykit.app.tour.WebhookSigner;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.Secret;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.service.ReceiveWebhookService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver over real HTTP, wired to the real receive service, verifier and parser. */
class WebhookReceiverServerTest {
  private static final byte[] KEY =
      "a-webhook-signing-key-of-32-byte".getBytes(StandardCharsets.UTF_8);
  private static final Secret SECRET =
      Secret.of("whsec_" + Base64.getEncoder().encodeToString(KEY));

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final InMemoryWebhookInbox inbox = new InMemoryWebhookInbox();
  private final List<ReceivedWebhook> heard = new CopyOnWriteArrayList<>();
  private WebhookReceiverServer server;

  @BeforeEach
  void start() {
    Clock clock = Clock.systemUTC();
    ReceiveWebhook receive =
        new ReceiveWebhookService(
            new StandardWebhookVerifier(List.of(SECRET), clock),
            new JacksonWebhookParser(),
            inbox,
            PaykitObserver.noop(),
            clock);
    server = new WebhookReceiverServer(receive, 0, 2, heard::add).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_correctly_signed_event_is_accepted_with_200_and_stored() throws Exception {
    byte[] body = event("evt_ok_1");

    HttpResponse<String> response =
        post(body, new WebhookSigner(KEY).headers("evt_ok_1", Instant.now(), body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("accepted");
    assertThat(inbox.find(new EventId("evt_ok_1"))).isPresent();
    assertThat(heard)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.eventId()).isEqualTo("evt_ok_1");
              assertThat(d.body()).isEqualTo(body);
              assertThat(d.receipt()).isInstanceOf(WebhookReceipt.Accepted.class);
            });
  }

  @Test
  void the_same_event_again_is_acknowledged_as_a_duplicate() throws Exception {
    byte[] body = event("evt_twice");
    Map<String, String> headers = new WebhookSigner(KEY).headers("evt_twice", Instant.now(), body);

    post(body, headers);
    HttpResponse<String> again = post(body, headers);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("duplicate");
    assertThat(heard.get(1).receipt()).isInstanceOf(WebhookReceipt.Duplicate.class);
  }

  @Test
  void an_event_signed_with_another_key_is_rejected_with_401() throws Exception {
    byte[] body = event("evt_forged");
    byte[] otherKey = "somebody-elses-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        post(body, new WebhookSigner(otherKey).headers("evt_forged", Instant.now(), body));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("NO_MATCHING_SIGNATURE");
    assertThat(inbox.find(new EventId("evt_forged"))).isEmpty();
    assertThat(((WebhookReceipt.Rejected) heard.get(0).receipt()).reason())
        .isEqualTo(WebhookVerification.Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void a_body_changed_after_signing_is_rejected_with_401() throws Exception {
    byte[] body = event("evt_tampered");
    Map<String, String> headers =
        new WebhookSigner(KEY).headers("evt_tampered", Instant.now(), body);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("1050", "9999")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(post(tampered, headers).statusCode()).isEqualTo(401);
  }

  @Test
  void a_signed_body_that_is_not_an_event_is_rejected_with_400() throws Exception {
    byte[] body = "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        post(body, new WebhookSigner(KEY).headers("evt_garbled", Instant.now(), body));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("MALFORMED_BODY");
  }

  @Test
  void only_post_to_the_webhook_path_is_served() throws Exception {
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(server.webhookUri()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> elsewhere =
        http.send(
            HttpRequest.newBuilder(URI.create(server.webhookUri() + "/extra"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(heard).isEmpty();
  }

  @Test
  void a_store_that_fails_makes_the_provider_deliver_again_later() throws Exception {
    server.close();
    ReceiveWebhook broken =
        (body, headers) -> {
          throw new IllegalStateException("database down");
        };
    server = new WebhookReceiverServer(broken, 0, 1, heard::add).start();
    byte[] body = event("evt_later");

    HttpResponse<String> response =
        post(body, new WebhookSigner(KEY).headers("evt_later", Instant.now(), body));

    assertThat(response.statusCode()).isEqualTo(503);
  }

  @Test
  void the_receiver_listens_on_loopback_only() {
    assertThat(server.webhookUri().getHost()).isEqualTo("127.0.0.1");
  }

  private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.webhookUri())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] event(String id) {
    String now = Instant.now().toString();
    return ("{\"id\":\""
            + id
            + "\",\"type\":\"payment.status_changed\",\"createdAt\":\""
            + now
            + "\",\"data\":{\"transactionId\":\"tx_1\",\"status\":\"confirmed\","
            + "\"amount\":{\"value\":1050,\"currency\":\"EUR\"},\"externalId\":\"order-1\","
            + "\"metadata\":{},\"checkoutUrl\":\"https://provider.example/checkout/tx_1\","
            + "\"failure\":null,\"createdAt\":\""
            + now
            + "\",\"updatedAt\":\""
            + now
            + "\",\"expiresAt\":\""
            + now
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
