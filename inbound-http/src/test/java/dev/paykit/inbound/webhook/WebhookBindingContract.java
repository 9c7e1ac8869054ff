package dev.paykit.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.testkit.fake.SignedWebhook;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What every binding of the endpoint must do over real HTTP on loopback, wired to a real core and
 * the fake provider: each binding's test extends this and serves {@link #endpoint()}.
 */
abstract class WebhookBindingContract {
  final Shop shop = new Shop();
  final Http http = new Http();
  final List<WebhookDelivery> heard = new CopyOnWriteArrayList<>();

  /** Where the binding under test serves {@link #endpoint()}. */
  abstract URI webhookUri();

  WebhookEndpoint endpoint() {
    return new WebhookEndpoint(shop.receive(), heard::add);
  }

  @Test
  void a_correctly_signed_event_is_accepted_with_200_stored_and_heard_byte_for_byte()
      throws Exception {
    SignedWebhook webhook = shop.paid("order-1");

    HttpResponse<String> response = http.post(webhookUri(), webhook);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(response.body()).isEqualTo("{\"result\":\"accepted\"}");
    assertThat(shop.stored(webhook)).isTrue();
    assertThat(heard)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.eventId()).isEqualTo(webhook.eventId().value());
              assertThat(d.body()).isEqualTo(webhook.body());
              assertThat(d.receipt()).isInstanceOf(WebhookReceipt.Accepted.class);
            });
  }

  @Test
  void the_same_event_again_is_acknowledged_as_a_duplicate() throws Exception {
    SignedWebhook webhook = shop.paid("order-twice");

    http.post(webhookUri(), webhook);
    HttpResponse<String> again = http.post(webhookUri(), webhook);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("{\"result\":\"duplicate\"}");
    assertThat(heard.get(1).receipt()).isInstanceOf(WebhookReceipt.Duplicate.class);
  }

  @Test
  void an_event_signed_with_another_key_is_rejected_with_401_and_not_stored() throws Exception {
    SignedWebhook forged = shop.paid("order-forged").forged();

    HttpResponse<String> response = http.post(webhookUri(), forged);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body())
        .isEqualTo("{\"result\":\"rejected\",\"reason\":\"NO_MATCHING_SIGNATURE\"}");
    assertThat(shop.stored(forged)).isFalse();
    assertThat(((WebhookReceipt.Rejected) heard.get(0).receipt()).reason())
        .isEqualTo(WebhookVerification.Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void a_body_changed_after_signing_is_rejected_with_401() throws Exception {
    SignedWebhook tampered = shop.paid("order-tampered").tamperedBody();

    assertThat(http.post(webhookUri(), tampered).statusCode()).isEqualTo(401);
    assertThat(shop.stored(tampered)).isFalse();
  }

  @Test
  void a_body_that_is_not_json_is_refused_with_415() throws Exception {
    SignedWebhook webhook = shop.paid("order-text");

    HttpResponse<String> response = http.post(webhookUri(), webhook, "text/plain; charset=utf-8");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(shop.stored(webhook)).isFalse();
  }

  @Test
  void anything_but_post_is_answered_405_with_allow() throws Exception {
    HttpResponse<String> get = http.get(webhookUri());

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(get.body()).isEqualTo("{\"result\":\"method_not_allowed\"}");
    assertThat(heard).isEmpty();
  }

  @Test
  void a_declared_body_over_the_limit_is_refused_with_413_before_it_is_sent() throws Exception {
    try (RawConnection connection = new RawConnection(webhookUri())) {
      connection.send(
          head("Content-Length: " + (WebhookEndpoint.DEFAULT_MAX_BODY_BYTES + 1)) + "{\"id\":");

      String answer = connection.answerHead(Duration.ofSeconds(5));

      assertThat(RawConnection.status(answer)).isEqualTo(413);
    }
    assertThat(heard).isEmpty();
  }

  @Test
  void a_chunked_body_is_read_no_further_than_one_byte_past_the_limit() throws Exception {
    try (RawConnection connection = new RawConnection(webhookUri())) {
      connection.send(head("Transfer-Encoding: chunked"));
      byte[] chunk = new byte[64 * 1024];
      // Exactly one byte past the limit, and then the body simply does not end: a server that
      // wanted all of it would wait forever.
      for (int i = 0; i < WebhookEndpoint.DEFAULT_MAX_BODY_BYTES / chunk.length; i++) {
        connection.send(Integer.toHexString(chunk.length) + "\r\n");
        connection.send(chunk);
        connection.send("\r\n");
      }
      connection.send("1\r\nx\r\n");

      String answer = connection.answerHead(Duration.ofSeconds(5));

      assertThat(RawConnection.status(answer)).isEqualTo(413);
    }
    assertThat(heard).isEmpty();
  }

  /** A JSON POST's head with {@code framing} (how the body's length is given). */
  private String head(String framing) {
    return "POST "
        + webhookUri().getPath()
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + framing
        + "\r\n\r\n";
  }
}
