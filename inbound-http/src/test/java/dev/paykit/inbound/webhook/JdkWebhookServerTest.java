package dev.paykit.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.ValidationException;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.testkit.fake.SignedWebhook;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK binding over real HTTP on loopback, wired to a real core and the fake provider. */
class JdkWebhookServerTest extends WebhookBindingContract {
  private JdkWebhookServer server;

  @BeforeEach
  void start() {
    server = new JdkWebhookServer(endpoint(), JdkWebhookServer.Settings.loopback(0)).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Override
  URI webhookUri() {
    return server.uri();
  }

  @Test
  void any_other_path_under_the_context_is_answered_404() throws Exception {
    for (String path : List.of("/extra/more", "/Not_A_Provider", "/")) {
      HttpResponse<String> elsewhere =
          http.post(URI.create(server.uri() + path), shop.paid("order-elsewhere"));

      assertThat(elsewhere.statusCode()).as(path).isEqualTo(404);
      assertThat(elsewhere.body()).isEqualTo("{\"result\":\"not_found\"}");
    }
    assertThat(heard).isEmpty();
  }

  @Test
  void a_provider_that_is_not_configured_is_answered_404() throws Exception {
    HttpResponse<String> elsewhere =
        http.post(URI.create(server.uri() + "/psp-nobody"), shop.paid("order-nobody"));

    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(elsewhere.body()).contains("unknown_provider");
    assertThat(heard).isEmpty();
  }

  @Test
  void an_answer_to_a_body_not_read_to_its_end_closes_the_connection() throws Exception {
    try (RawConnection connection = new RawConnection(server.uri())) {
      connection.send(
          "POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
              + "Content-Length: 10\r\n\r\n{");

      String answer = connection.answerHead(Duration.ofSeconds(5));

      assertThat(RawConnection.status(answer)).isEqualTo(415);
      assertThat(answer).containsIgnoringCase("Connection: close");
    }
  }

  @Test
  void a_store_that_fails_makes_the_provider_deliver_again_later() throws Exception {
    server.close();
    ReceiveWebhook broken =
        (provider, body, headers) -> {
          throw new IllegalStateException("database down");
        };
    server = serve(broken, JdkWebhookServer.Settings.loopback(0));

    HttpResponse<String> response = http.post(server.uri(), shop.paid("order-later"));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(response.body()).isEqualTo("{\"result\":\"unavailable\"}");
  }

  @Test
  void the_default_settings_listen_on_loopback_only_at_slash_webhooks() {
    assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(server.uri().getPath()).isEqualTo("/webhooks");
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.address().getPort()).isPositive();
  }

  @Test
  void the_address_port_and_path_are_the_configured_ones() throws Exception {
    server.close();
    server =
        serve(
            shop.receive(),
            JdkWebhookServer.Settings.on(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withPath("/hooks/paykit"));
    SignedWebhook webhook = shop.paid("order-path");

    HttpResponse<String> response = http.post(server.uri(), webhook);

    assertThat(server.uri().getPath()).isEqualTo("/hooks/paykit");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(
            http.post(URI.create(server.uri().resolve("/webhooks").toString()), webhook)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void a_port_that_is_taken_is_an_error_naming_the_address() {
    InetSocketAddress taken = server.address();

    assertThatThrownBy(() -> serve(shop.receive(), JdkWebhookServer.Settings.on(taken)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(String.valueOf(taken.getPort()));
  }

  @Test
  void settings_out_of_range_are_refused_naming_the_field() {
    JdkWebhookServer.Settings settings = JdkWebhookServer.Settings.loopback(0);

    assertThatThrownBy(() -> settings.withThreads(0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("threads"));
    assertThatThrownBy(() -> settings.withReadTimeout(Duration.ZERO))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("readTimeout"));
    assertThatThrownBy(() -> settings.withPath("webhooks"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("path"));
  }

  private JdkWebhookServer serve(ReceiveWebhook receive, JdkWebhookServer.Settings settings) {
    return new JdkWebhookServer(new WebhookEndpoint(receive, heard::add), settings).start();
  }
}
