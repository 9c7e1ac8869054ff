package dev.paykit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

  private static final String WEBHOOK_SECRET = SandboxSecret.randomWebhookSecret().reveal();

  @Test
  void prints_where_it_listens_and_where_secrets_come_from_without_showing_them() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, String> env =
        Map.of(
            "PAYKIT_SANDBOX_CLIENT_SECRET", "main-secret-123",
            "PAYKIT_SANDBOX_WEBHOOK_SECRET", WEBHOOK_SECRET,
            "PAYKIT_SANDBOX_CLIENT_ID", "demo-shop");

    try (SandboxProvider sandbox =
        SandboxMain.launch(
            new String[] {"--port", "0"},
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);

      assertThat(printed)
          .contains(sandbox.baseUri().toString())
          .contains("demo-shop")
          .contains("PAYKIT_SANDBOX_CLIENT_SECRET")
          .doesNotContain("main-secret-123")
          .doesNotContain(WEBHOOK_SECRET);
      assertThat(sandbox.clientSecret().reveal()).isEqualTo("main-secret-123");
      assertThat(new SandboxClient(sandbox).newToken()).isNotBlank();
    }
  }

  @Test
  void refuses_to_start_without_secrets_or_with_unknown_arguments() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                SandboxMain.launch(
                    new String[] {"--port=0"},
                    Map.of("PAYKIT_SANDBOX_WEBHOOK_SECRET", WEBHOOK_SECRET),
                    out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PAYKIT_SANDBOX_CLIENT_SECRET");
    assertThatThrownBy(
            () ->
                SandboxMain.launch(
                    new String[] {"--port=0"},
                    Map.of(
                        "PAYKIT_SANDBOX_CLIENT_SECRET", "x",
                        "PAYKIT_SANDBOX_WEBHOOK_SECRET", "not-whsec"),
                    out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not-whsec");
    assertThatThrownBy(
            () ->
                SandboxMain.launch(
                    new String[] {"--verbose", "yes"},
                    Map.of(
                        "PAYKIT_SANDBOX_CLIENT_SECRET",
                        "x",
                        "PAYKIT_SANDBOX_WEBHOOK_SECRET",
                        WEBHOOK_SECRET),
                    out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--verbose");
  }
}
