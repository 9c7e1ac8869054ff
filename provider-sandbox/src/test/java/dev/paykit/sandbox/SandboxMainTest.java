package dev.paykit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

  private static final String CLIENT_SECRET = "main-secret-3e7a";
  private static final String WEBHOOK_SECRET = SandboxSecret.randomWebhookSecret().reveal();
  private static final Map<String, String> ENV =
      Map.of(
          "PAYKIT_SANDBOX_CLIENT_SECRET", CLIENT_SECRET,
          "PAYKIT_SANDBOX_WEBHOOK_SECRET", WEBHOOK_SECRET);

  private static final Consumer<SandboxProvider> NOTHING = sandbox -> {};

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void starts_on_the_given_port_with_the_given_credentials_and_prints_one_line_saying_where() {
    SandboxProvider sandbox =
        SandboxMain.launch(
                new String[] {"--port", "0", "--client-id", "main-shop"}, ENV, out, NOTHING)
            .orElseThrow();
    URI base;
    try (sandbox) {
      assertThat(printed().lines())
          .containsExactly(
              "Paykit sandbox listening on "
                  + sandbox.baseUri()
                  + " (client id main-shop, webhooks to nowhere)");
      base = SandboxOutput.listeningOn(printed()).orElseThrow();
      assertThat(base.getPort()).isPositive();

      SandboxClient client = new SandboxClient(base, "main-shop", CLIENT_SECRET);
      HttpResponse<String> created =
          client.createPayment(
              SandboxClient.paymentBody("order-main-1", 1050, "EUR"), "key-main-1");
      assertThat(created.statusCode()).isEqualTo(201);
      String tx = SandboxClient.json(created).get("transactionId").asText();
      assertThat(SandboxClient.json(client.get("/v1/payments/" + tx)).get("status").asText())
          .isEqualTo("started");
      assertThat(sandbox.ledger().paymentsFor("key-main-1")).isEqualTo(1);
      assertThat(
              new SandboxClient(base, "main-shop", CLIENT_SECRET + "x")
                  .requestToken(
                      SandboxClient.basic("main-shop", CLIENT_SECRET + "x"),
                      "grant_type=client_credentials")
                  .statusCode())
          .isEqualTo(401);
    }

    assertThatThrownBy(() -> new SandboxClient(base, "main-shop", CLIENT_SECRET).newToken())
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void the_started_sandbox_is_handed_over_before_the_ready_line_is_printed() {
    List<String> printedWhenHandedOver = new ArrayList<>();
    List<SandboxProvider> handedOver = new ArrayList<>();

    try (SandboxProvider sandbox =
        SandboxMain.launch(
                new String[] {"--port=0"},
                ENV,
                out,
                started -> {
                  printedWhenHandedOver.add(printed());
                  handedOver.add(started);
                })
            .orElseThrow()) {
      assertThat(handedOver).containsExactly(sandbox);
      assertThat(printedWhenHandedOver).containsExactly("");
      assertThat(printed()).startsWith(SandboxCommandLine.LISTENING);
    }
  }

  @Test
  void the_ready_line_shows_the_webhook_url_without_its_query_and_no_secret() {
    try (SandboxProvider sandbox =
        SandboxMain.launch(
                new String[] {
                  "--port=0", "--webhook-url", "http://127.0.0.1:9/hooks?token=shop-private-77"
                },
                ENV,
                out,
                NOTHING)
            .orElseThrow()) {
      assertThat(printed())
          .contains(sandbox.baseUri().toString())
          .contains("webhooks to http://127.0.0.1:9/hooks)")
          .doesNotContain("shop-private-77")
          .doesNotContain(CLIENT_SECRET)
          .doesNotContain(WEBHOOK_SECRET.substring("whsec_".length()));
    }
  }

  @Test
  void help_is_printed_and_nothing_is_started() {
    Optional<SandboxProvider> started =
        SandboxMain.launch(new String[] {"--help"}, ENV, out, NOTHING);

    assertThat(started).isEmpty();
    assertThat(printed()).startsWith("Usage: paykit-sandbox").contains("--webhook-secret=WHSEC");
  }

  @Test
  void a_bad_setting_starts_nothing() {
    assertThatThrownBy(() -> SandboxMain.launch(new String[] {"--port", "x"}, ENV, out, NOTHING))
        .isInstanceOf(SandboxSettingException.class)
        .hasMessageStartingWith("--port: ");
    assertThat(printed()).isEmpty();
  }
}
