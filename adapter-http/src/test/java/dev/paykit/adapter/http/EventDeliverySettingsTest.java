package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.ValidationException;
import dev.paykit.port.out.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDeliverySettingsTest {
  private static final URI URL = URI.create("https://shop.example/paykit-events");
  private static final Secret SECRET = HttpEventDeliveryTest.secret("key");

  @Test
  void the_defaults_give_five_seconds_to_connect_and_ten_for_the_exchange() {
    EventDeliverySettings settings = EventDeliverySettings.of(URL, List.of(SECRET));

    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void plain_http_is_refused_except_to_loopback() {
    assertRefused(
        () -> EventDeliverySettings.of(URI.create("http://shop.example/e"), List.of(SECRET)),
        "url",
        "insecure_url");

    assertThat(
            EventDeliverySettings.of(URI.create("http://127.0.0.1:8080/e"), List.of(SECRET)).url())
        .hasHost("127.0.0.1");
  }

  @Test
  void credentials_in_the_url_are_refused() {
    assertRefused(
        () -> EventDeliverySettings.of(URI.create("https://u:p@shop.example/e"), List.of(SECRET)),
        "url",
        "credentials_in_url");
  }

  @Test
  void at_least_one_secret_is_needed() {
    assertRefused(() -> EventDeliverySettings.of(URL, null), "secrets", "required");
    assertRefused(() -> EventDeliverySettings.of(URL, List.of()), "secrets", "required");
    assertRefused(
        () -> EventDeliverySettings.of(URL, Arrays.asList(SECRET, null)), "secrets", "required");
  }

  @Test
  void a_secret_that_is_not_whsec_base64_is_refused_without_quoting_it() {
    assertThatThrownBy(
            () -> EventDeliverySettings.of(URL, List.of(SECRET, Secret.of("whsec_not base64!"))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("secrets");
              assertThat(e.rule()).isEqualTo("invalid_secret");
              assertThat(e.getMessage()).contains("entry 2 of 2").doesNotContain("not base64!");
            });
  }

  @Test
  void the_timeouts_must_be_given_and_positive() {
    EventDeliverySettings settings = EventDeliverySettings.of(URL, List.of(SECRET));

    assertRefused(
        () -> settings.withTimeouts(null, Duration.ofSeconds(1)), "connectTimeout", "required");
    assertRefused(
        () -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)),
        "connectTimeout",
        "not_positive");
    assertRefused(
        () -> settings.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)),
        "requestTimeout",
        "not_positive");
  }

  @Test
  void the_secrets_are_copied_so_a_later_change_to_the_list_changes_nothing() {
    List<Secret> secrets = new ArrayList<>(List.of(SECRET));
    EventDeliverySettings settings = EventDeliverySettings.of(URL, secrets);

    secrets.add(Secret.of("whsec_bm90LWEta2V5"));

    assertThat(settings.secrets()).hasSize(1);
  }

  @Test
  void printing_the_settings_shows_neither_the_secrets_nor_the_urls_path_and_query() {
    String printed =
        EventDeliverySettings.of(
                URI.create("https://shop.example:8443/hooks/abc?token=t0k3n"), List.of(SECRET))
            .toString();

    assertThat(printed)
        .contains("https://shop.example:8443/")
        .contains("1 secret(s)")
        .doesNotContain("hooks/abc")
        .doesNotContain("t0k3n")
        .doesNotContain(SECRET.reveal().substring("whsec_".length()));
  }

  private static void assertRefused(Runnable build, String field, String rule) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.rule()).isEqualTo(rule);
            });
  }
}
