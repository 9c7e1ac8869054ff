package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.ValidationException;
import dev.paykit.port.out.Secret;
import dev.paykit.transport.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderHttpSettingsTest {
  private static final String CLIENT_SECRET = "cs_live_very-secret-value";
  private static final String WEBHOOK_SECRET = StandardWebhookVerifierTest.VECTOR_SECRET;

  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("PAYKIT_PROVIDER_URL", "https://api.provider.example");
    env.put("PAYKIT_PROVIDER_CLIENT_ID", "client-1");
    env.put("PAYKIT_PROVIDER_CLIENT_SECRET", CLIENT_SECRET);
    env.put("PAYKIT_WEBHOOK_SECRETS", WEBHOOK_SECRET);
    return env;
  }

  @Test
  void reads_the_required_values_and_defaults_the_rest() {
    ProviderHttpSettings settings = ProviderHttpSettings.fromEnvironment(minimal());

    assertThat(settings.baseUri()).isEqualTo(URI.create("https://api.provider.example"));
    assertThat(settings.clientId()).isEqualTo("client-1");
    assertThat(settings.clientSecret().reveal()).isEqualTo(CLIENT_SECRET);
    assertThat(settings.webhookSecrets()).containsExactly(Secret.of(WEBHOOK_SECRET));
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.retryPolicy()).isEqualTo(RetryPolicy.defaults());
  }

  @Test
  void reads_timeouts_retry_policy_and_several_webhook_secrets() {
    Map<String, String> env = minimal();
    String second = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
    env.put("PAYKIT_WEBHOOK_SECRETS", WEBHOOK_SECRET + " , " + second);
    env.put("PAYKIT_PROVIDER_CONNECT_TIMEOUT_MS", "1500");
    env.put("PAYKIT_PROVIDER_REQUEST_TIMEOUT_MS", "2500");
    env.put("PAYKIT_PROVIDER_RETRY_MAX_ATTEMPTS", "6");
    env.put("PAYKIT_PROVIDER_RETRY_BASE_DELAY_MS", "100");
    env.put("PAYKIT_PROVIDER_RETRY_MAX_DELAY_MS", "2000");
    env.put("PAYKIT_PROVIDER_RETRY_BUDGET_MS", "20000");

    ProviderHttpSettings settings = ProviderHttpSettings.fromEnvironment(env);

    assertThat(settings.webhookSecrets())
        .containsExactly(Secret.of(WEBHOOK_SECRET), Secret.of(second));
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(settings.retryPolicy())
        .isEqualTo(
            new RetryPolicy(
                6, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(20)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PAYKIT_PROVIDER_URL",
        "PAYKIT_PROVIDER_CLIENT_ID",
        "PAYKIT_PROVIDER_CLIENT_SECRET",
        "PAYKIT_WEBHOOK_SECRETS"
      })
  void a_missing_required_variable_is_named(String variable) {
    Map<String, String> env = minimal();
    env.remove(variable);

    assertThatThrownBy(() -> ProviderHttpSettings.fromEnvironment(env))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessage(variable + " is required")
        .extracting(e -> ((ProviderConfigurationException) e).variable())
        .isEqualTo(variable);
  }

  @Test
  void plain_http_to_a_public_host_is_refused() {
    Map<String, String> env = minimal();
    env.put("PAYKIT_PROVIDER_URL", "http://api.provider.example");

    assertThatThrownBy(() -> ProviderHttpSettings.fromEnvironment(env))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("PAYKIT_PROVIDER_URL")
        .hasMessageContaining("https://");
  }

  @Test
  void plain_http_to_loopback_is_allowed() {
    Map<String, String> env = minimal();
    env.put("PAYKIT_PROVIDER_URL", "http://127.0.0.1:8099");

    assertThat(ProviderHttpSettings.fromEnvironment(env).baseUri().getPort()).isEqualTo(8099);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "-5", "0", "1.5"})
  void a_timeout_that_is_not_a_positive_number_is_named(String value) {
    Map<String, String> env = minimal();
    env.put("PAYKIT_PROVIDER_REQUEST_TIMEOUT_MS", value);

    assertThatThrownBy(() -> ProviderHttpSettings.fromEnvironment(env))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("PAYKIT_PROVIDER_REQUEST_TIMEOUT_MS must be a positive");
  }

  @Test
  void a_max_delay_below_the_base_delay_is_named() {
    Map<String, String> env = minimal();
    env.put("PAYKIT_PROVIDER_RETRY_BASE_DELAY_MS", "1000");
    env.put("PAYKIT_PROVIDER_RETRY_MAX_DELAY_MS", "10");

    assertThatThrownBy(() -> ProviderHttpSettings.fromEnvironment(env))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("PAYKIT_PROVIDER_RETRY_MAX_DELAY_MS");
  }

  @Test
  void an_invalid_webhook_secret_is_named_by_position_and_never_echoed() {
    Map<String, String> env = minimal();
    String leaked = "whsec_this-is-the-real-secret!!";
    env.put("PAYKIT_WEBHOOK_SECRETS", WEBHOOK_SECRET + "," + leaked);

    assertThatThrownBy(() -> ProviderHttpSettings.fromEnvironment(env))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("PAYKIT_WEBHOOK_SECRETS entry 2 of 2")
        .hasMessageNotContaining("this-is-the-real-secret")
        .hasMessageNotContaining(WEBHOOK_SECRET);
  }

  @Test
  void printing_the_settings_shows_no_secret() {
    ProviderHttpSettings settings = ProviderHttpSettings.fromEnvironment(minimal());

    assertThat(settings.toString())
        .contains("client-1")
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(WEBHOOK_SECRET.substring("whsec_".length()));
  }

  @Test
  void constructing_with_an_insecure_base_url_fails_naming_the_field() {
    assertThatThrownBy(
            () ->
                ProviderHttpSettings.of(
                    URI.create("http://10.0.0.8"), "client-1", Secret.of("x"), List.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("baseUri");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://ops:pr0v1der-pa55@api.provider.example, user information",
    "https://pr0v1der-pa55@api.provider.example/v1, user information",
    "http://ops:pr0v1der-pa55@127.0.0.1:8099, user information",
    "https://api.provider.example:0, port",
    "https://api.provider.example:99999, port"
  })
  void a_provider_url_with_credentials_or_a_bad_port_is_refused_and_never_echoed(
      String url, String problem) {
    Map<String, String> env = minimal();
    env.put("PAYKIT_PROVIDER_URL", url);

    assertThatThrownBy(() -> ProviderHttpSettings.fromEnvironment(env))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("PAYKIT_PROVIDER_URL")
        .hasMessageContaining(problem)
        .hasMessageNotContaining("pr0v1der-pa55")
        .hasMessageNotContaining("ops:")
        .hasMessageNotContaining(url);
  }

  @Test
  void constructing_with_credentials_in_the_base_url_fails_without_echoing_them() {
    URI withCredentials = URI.create("https://ops:pr0v1der-pa55@api.provider.example");

    assertThatThrownBy(
            () -> ProviderHttpSettings.of(withCredentials, "client-1", Secret.of("x"), List.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("baseUri")
        .hasMessageNotContaining("pr0v1der-pa55");
  }
}
