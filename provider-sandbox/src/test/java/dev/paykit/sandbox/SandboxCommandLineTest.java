package dev.paykit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class SandboxCommandLineTest {

  private static final String CLIENT_SECRET = "client-secret-from-env-5b1c";
  private static final String WEBHOOK_SECRET = SandboxSecret.randomWebhookSecret().reveal();

  private static Map<String, String> secrets() {
    Map<String, String> env = new HashMap<>();
    env.put("PAYKIT_SANDBOX_CLIENT_SECRET", CLIENT_SECRET);
    env.put("PAYKIT_SANDBOX_WEBHOOK_SECRET", WEBHOOK_SECRET);
    return env;
  }

  private static Map<String, String> secretsAnd(String name, String value) {
    Map<String, String> env = secrets();
    env.put(name, value);
    return env;
  }

  private static SandboxConfig config(Map<String, String> env, String... args) {
    SandboxCommandLine.Invocation invocation = SandboxCommandLine.parse(args, env);
    assertThat(invocation).isInstanceOf(SandboxCommandLine.Start.class);
    return ((SandboxCommandLine.Start) invocation).config();
  }

  private static AbstractThrowableAssert<?, ?> refused(
      Map<String, String> env, String setting, String... args) {
    return assertThatThrownBy(() -> SandboxCommandLine.parse(args, env))
        .isInstanceOf(SandboxSettingException.class)
        .satisfies(e -> assertThat(((SandboxSettingException) e).setting()).isEqualTo(setting))
        .hasMessageStartingWith(setting + ": ");
  }

  @Test
  void without_flags_or_variables_other_than_the_secrets_it_uses_the_defaults() {
    SandboxConfig config = config(secrets());

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8089);
    assertThat(config.clientId()).isEqualTo("paykit-sandbox");
    assertThat(config.clientSecret().reveal()).isEqualTo(CLIENT_SECRET);
    assertThat(config.webhookSecret().reveal()).isEqualTo(WEBHOOK_SECRET);
    assertThat(config.webhookUrl()).isNull();
    assertThat(config.tokenTtl()).isEqualTo(SandboxConfig.defaults().tokenTtl());
    assertThat(config.webhookMaxAttempts())
        .isEqualTo(SandboxConfig.defaults().webhookMaxAttempts());
    assertThat(config.autoSettle()).isEmpty();
    assertThat(config.faultRate()).isZero();
    assertThat(config.faultSeed()).isEqualTo(1);
  }

  @Test
  void every_setting_is_read_from_its_environment_variable() {
    Map<String, String> env = secrets();
    env.put("PAYKIT_SANDBOX_HOST", "localhost");
    env.put("PAYKIT_SANDBOX_PORT", "9011");
    env.put("PAYKIT_SANDBOX_CLIENT_ID", "env-shop");
    env.put("PAYKIT_SANDBOX_WEBHOOK_URL", "https://shop.example/webhooks");
    env.put("PAYKIT_SANDBOX_TOKEN_TTL", "PT90S");
    env.put("PAYKIT_SANDBOX_PAYMENT_EXPIRY", "pt15m");
    env.put("PAYKIT_SANDBOX_IDEMPOTENCY_WINDOW", "PT2H");
    env.put("PAYKIT_SANDBOX_REFUND_DELAY", "PT0.25S");
    env.put("PAYKIT_SANDBOX_WEBHOOK_ATTEMPTS", "7");
    env.put("PAYKIT_SANDBOX_WEBHOOK_BACKOFF", "PT0.2S");
    env.put("PAYKIT_SANDBOX_WEBHOOK_MAX_BACKOFF", "PT3S");
    env.put("PAYKIT_SANDBOX_WEBHOOK_TIMEOUT", "PT1.5S");
    env.put("PAYKIT_SANDBOX_AUTO_SETTLE", "PT0.3S");
    env.put("PAYKIT_SANDBOX_FAULT_RATE", "0.2");
    env.put("PAYKIT_SANDBOX_FAULT_SEED", "-17");

    SandboxConfig config = config(env);

    assertThat(config.host()).isEqualTo("localhost");
    assertThat(config.port()).isEqualTo(9011);
    assertThat(config.clientId()).isEqualTo("env-shop");
    assertThat(config.webhookUrl()).isEqualTo(URI.create("https://shop.example/webhooks"));
    assertThat(config.tokenTtl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.defaultPaymentExpiry()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.idempotencyWindow()).isEqualTo(Duration.ofHours(2));
    assertThat(config.refundSettlementDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.webhookMaxAttempts()).isEqualTo(7);
    assertThat(config.webhookInitialBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.webhookMaxBackoff()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.webhookTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.autoSettle()).hasValue(Duration.ofMillis(300));
    assertThat(config.faultRate()).isEqualTo(0.2);
    assertThat(config.faultSeed()).isEqualTo(-17);
  }

  @Test
  void a_flag_wins_over_its_environment_variable() {
    String flagSecret = SandboxSecret.randomWebhookSecret().reveal();
    Map<String, String> env = secrets();
    env.put("PAYKIT_SANDBOX_PORT", "9011");
    env.put("PAYKIT_SANDBOX_CLIENT_ID", "env-shop");
    env.put("PAYKIT_SANDBOX_WEBHOOK_URL", "https://env.example/webhooks");

    SandboxConfig config =
        config(
            env,
            "--port",
            "0",
            "--client-id=flag-shop",
            "--client-secret",
            "flag-secret",
            "--webhook-secret",
            flagSecret,
            "--webhook-url=http://127.0.0.1:8080/hooks");

    assertThat(config.port()).isZero();
    assertThat(config.clientId()).isEqualTo("flag-shop");
    assertThat(config.clientSecret().reveal()).isEqualTo("flag-secret");
    assertThat(config.webhookSecret().reveal()).isEqualTo(flagSecret);
    assertThat(config.webhookUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/hooks"));
  }

  @Test
  void a_blank_variable_counts_as_not_set() {
    SandboxConfig config = config(secretsAnd("PAYKIT_SANDBOX_PORT", "  "));

    assertThat(config.port()).isEqualTo(8089);
    refused(secretsAnd("PAYKIT_SANDBOX_CLIENT_SECRET", ""), "PAYKIT_SANDBOX_CLIENT_SECRET");
  }

  @Test
  void a_missing_secret_is_refused_naming_its_variable_and_its_flag() {
    Map<String, String> env = secrets();
    env.remove("PAYKIT_SANDBOX_WEBHOOK_SECRET");

    refused(env, "PAYKIT_SANDBOX_WEBHOOK_SECRET").hasMessageContaining("--webhook-secret");
    refused(Map.of(), "PAYKIT_SANDBOX_CLIENT_SECRET").hasMessageContaining("--client-secret");
  }

  @Test
  void a_port_that_is_not_a_number_or_out_of_range_is_refused_naming_where_it_came_from() {
    refused(secrets(), "--port", "--port", "eighty").hasMessageContaining("0 to 65535");
    refused(secrets(), "--port", "--port=65536").hasMessageContaining("0 to 65535");
    refused(secrets(), "--port", "--port", "-1").hasMessageContaining("0 to 65535");
    refused(secretsAnd("PAYKIT_SANDBOX_PORT", "80a"), "PAYKIT_SANDBOX_PORT")
        .hasMessageContaining("0 to 65535");
    refused(secretsAnd("PAYKIT_SANDBOX_PORT", "99999"), "PAYKIT_SANDBOX_PORT");
  }

  @Test
  void a_malformed_webhook_secret_is_refused_without_repeating_it() {
    String shortKey = "whsec_" + Base64.getEncoder().encodeToString(new byte[8]);

    refused(secrets(), "--webhook-secret", "--webhook-secret", "not-a-whsec-value")
        .hasMessageNotContaining("not-a-whsec-value")
        .hasMessageContaining("whsec_");
    refused(
            secretsAnd("PAYKIT_SANDBOX_WEBHOOK_SECRET", "whsec_***not base64***"),
            "PAYKIT_SANDBOX_WEBHOOK_SECRET")
        .hasMessageNotContaining("not base64***")
        .hasMessageContaining("base64");
    refused(secretsAnd("PAYKIT_SANDBOX_WEBHOOK_SECRET", shortKey), "PAYKIT_SANDBOX_WEBHOOK_SECRET")
        .hasMessageNotContaining(shortKey)
        .hasMessageContaining("16 key bytes");
  }

  @Test
  void a_webhook_url_that_is_not_http_or_https_is_refused_naming_where_it_came_from() {
    refused(secrets(), "--webhook-url", "--webhook-url", "ftp://shop.example/hooks")
        .hasMessageContaining("https://");
    refused(secrets(), "--webhook-url", "--webhook-url", "http://shop.example/hooks")
        .hasMessageContaining("loopback");
    refused(secretsAnd("PAYKIT_SANDBOX_WEBHOOK_URL", "hooks"), "PAYKIT_SANDBOX_WEBHOOK_URL");
    refused(secretsAnd("PAYKIT_SANDBOX_WEBHOOK_URL", "http://[bad"), "PAYKIT_SANDBOX_WEBHOOK_URL")
        .hasMessageContaining("not a URL");
  }

  @Test
  void other_bad_values_are_refused_naming_the_flag_or_variable() {
    refused(secrets(), "--host", "--host", "192.0.2.10").hasMessageContaining("loopback");
    refused(secrets(), "--client-id", "--client-id", "a:b");
    refused(secretsAnd("PAYKIT_SANDBOX_TOKEN_TTL", "5 minutes"), "PAYKIT_SANDBOX_TOKEN_TTL")
        .hasMessageContaining("ISO 8601");
    refused(secrets(), "--webhook-timeout", "--webhook-timeout", "30s")
        .hasMessageContaining("PT30S");
    refused(secrets(), "--token-ttl", "--token-ttl", "PT0S");
    refused(secrets(), "--webhook-attempts", "--webhook-attempts", "21");
    refused(
            secretsAnd("PAYKIT_SANDBOX_WEBHOOK_ATTEMPTS", "many"),
            "PAYKIT_SANDBOX_WEBHOOK_ATTEMPTS")
        .hasMessageContaining("1 to 20");
  }

  @Test
  void auto_settle_and_the_fault_rate_come_from_their_flags_over_their_variables() {
    Map<String, String> env = secrets();
    env.put("PAYKIT_SANDBOX_AUTO_SETTLE", "PT5S");
    env.put("PAYKIT_SANDBOX_FAULT_RATE", "0.9");

    SandboxConfig config =
        config(env, "--auto-settle", "PT0.3S", "--fault-rate=0.25", "--fault-seed", "99");

    assertThat(config.autoSettle()).hasValue(Duration.ofMillis(300));
    assertThat(config.faultRate()).isEqualTo(0.25);
    assertThat(config.faultSeed()).isEqualTo(99);
    assertThat(config(secrets(), "--fault-rate", "1").faultRate()).isEqualTo(1.0);
    assertThat(config(secrets(), "--fault-rate", "0").faultRate()).isZero();
  }

  @Test
  void a_bad_auto_settle_delay_or_fault_rate_is_refused_naming_where_it_came_from() {
    refused(secrets(), "--auto-settle", "--auto-settle", "300ms").hasMessageContaining("ISO 8601");
    refused(secrets(), "--auto-settle", "--auto-settle", "PT0S").hasMessageContaining("at least");
    refused(secrets(), "--auto-settle", "--auto-settle", "-PT1S");
    refused(secretsAnd("PAYKIT_SANDBOX_AUTO_SETTLE", "soon"), "PAYKIT_SANDBOX_AUTO_SETTLE");
    refused(secrets(), "--fault-rate", "--fault-rate", "20%").hasMessageContaining("0 to 1");
    refused(secrets(), "--fault-rate", "--fault-rate", "1.5").hasMessageContaining("0 to 1");
    refused(secrets(), "--fault-rate", "--fault-rate", "-0.1").hasMessageContaining("0 to 1");
    refused(secrets(), "--fault-rate", "--fault-rate", "NaN").hasMessageContaining("0 to 1");
    refused(secretsAnd("PAYKIT_SANDBOX_FAULT_RATE", "1e400"), "PAYKIT_SANDBOX_FAULT_RATE")
        .hasMessageContaining("0 to 1");
    refused(secrets(), "--fault-seed", "--fault-seed", "0x1f").hasMessageContaining("whole");
  }

  @Test
  void an_unknown_option_is_named_without_its_value_and_arguments_are_not_repeated() {
    refused(secrets(), "--client-secrt", "--client-secrt=hunter2")
        .hasMessageNotContaining("hunter2")
        .hasMessageContaining("--help");
    refused(secrets(), "arguments", "--port", "0", "hunter2").hasMessageNotContaining("hunter2");
    refused(secrets(), "--port", "--port").hasMessageContaining("needs a value");
    refused(secrets(), "--client-secret", "--client-secret", "a", "--client-secret", "b")
        .hasMessageContaining("more than once");
  }

  @Test
  void help_lists_every_flag_with_its_variable_and_default_and_no_secret() {
    SandboxCommandLine.Invocation invocation =
        SandboxCommandLine.parse(new String[] {"--port", "1", "--help"}, secrets());

    assertThat(invocation).isInstanceOf(SandboxCommandLine.Help.class);
    String usage = ((SandboxCommandLine.Help) invocation).usage().replaceAll("\\s+", " ");
    for (SandboxSetting setting : SandboxSetting.values()) {
      assertThat(usage).contains(setting.flag(), setting.variable());
    }
    assertThat(usage)
        .contains(
            "Default: 8089.", "Default: paykit-sandbox.", "Default: PT1H.", "Default: PT0.5S.")
        .contains("Required.")
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(WEBHOOK_SECRET.substring("whsec_".length()));
    assertThat(SandboxCommandLine.parse(new String[] {"-h"}, Map.of()))
        .isInstanceOf(SandboxCommandLine.Help.class);
  }

  @Test
  void the_configuration_read_from_the_command_line_never_shows_a_secret() {
    SandboxConfig config = config(secrets(), "--client-secret", "flag-secret-9d2e");

    assertThat(config.toString())
        .contains("paykit-sandbox")
        .doesNotContain("flag-secret-9d2e")
        .doesNotContain(WEBHOOK_SECRET.substring("whsec_".length()));
  }
}
