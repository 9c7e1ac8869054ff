package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.port.out.Secret;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcSettingsTest {
  private static final String URL = "PAYKIT_DB_URL";
  private static final String POOL_SIZE = "PAYKIT_DB_POOL_SIZE";

  @Test
  void the_environment_names_the_database_the_user_the_password_and_the_pool_size() {
    JdbcSettings settings =
        JdbcSettings.fromEnvironment(
            Map.of(
                "PAYKIT_DB_URL", "jdbc:postgresql://db.internal:5432/paykit",
                "PAYKIT_DB_USER", "paykit_app",
                "PAYKIT_DB_PASSWORD", "s3cr3t-Pa55",
                "PAYKIT_DB_POOL_SIZE", "25"));

    assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.internal:5432/paykit");
    assertThat(settings.user()).isEqualTo("paykit_app");
    assertThat(settings.password().reveal()).isEqualTo("s3cr3t-Pa55");
    assertThat(settings.poolSize()).isEqualTo(25);
  }

  @Test
  void without_a_url_the_safe_default_is_the_embedded_database_in_postgresql_mode() {
    JdbcSettings settings = JdbcSettings.fromEnvironment(Map.of());

    assertThat(settings.url())
        .startsWith("jdbc:h2:file:" + JdbcSettings.DEFAULT_EMBEDDED_DIRECTORY.toAbsolutePath())
        .contains(";MODE=PostgreSQL");
    assertThat(settings.password().isEmpty()).isTrue();
  }

  @Test
  void the_embedded_database_lives_in_the_given_directory() {
    Path directory = Path.of("/var/lib/paykit-demo");

    assertThat(JdbcSettings.embedded(directory).url())
        .startsWith("jdbc:h2:file:/var/lib/paykit-demo/paykit;");
  }

  @Test
  void a_pool_size_that_is_not_a_number_or_out_of_range_is_refused_with_the_variable_named() {
    assertThatThrownBy(() -> JdbcSettings.fromEnvironment(Map.of("PAYKIT_DB_POOL_SIZE", "ten")))
        .isInstanceOfSatisfying(JdbcSetupException.class, e -> assertSetting(e, POOL_SIZE))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> JdbcSettings.fromEnvironment(Map.of("PAYKIT_DB_POOL_SIZE", "0")))
        .isInstanceOfSatisfying(JdbcSetupException.class, e -> assertSetting(e, POOL_SIZE))
        .hasMessageContaining("between 1 and 200, was 0");
    assertThatThrownBy(() -> new JdbcSettings("jdbc:h2:mem:x", "", Secret.of(""), 201))
        .isInstanceOfSatisfying(JdbcSetupException.class, e -> assertSetting(e, "poolSize"));
  }

  @Test
  void a_url_that_is_not_jdbc_is_refused_with_the_variable_named() {
    assertThatThrownBy(
            () -> JdbcSettings.fromEnvironment(Map.of("PAYKIT_DB_URL", "postgres://db/paykit")))
        .isInstanceOfSatisfying(JdbcSetupException.class, e -> assertSetting(e, URL))
        .hasMessageContaining("jdbc:");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://db.internal:0/paykit",
        "jdbc:postgresql://db.internal:99999/paykit",
        "jdbc:postgresql://db.internal:/paykit",
        "jdbc:postgresql://db.internal:54x2/paykit",
        "jdbc:postgresql://db-a:5432,db-b:70000/paykit",
        "jdbc:postgresql://[::1]:65536/paykit",
        "jdbc:h2:tcp://localhost:0/~/paykit"
      })
  void a_port_outside_1_to_65535_is_refused_with_the_variable_named(String url) {
    assertThatThrownBy(() -> JdbcSettings.fromEnvironment(Map.of("PAYKIT_DB_URL", url)))
        .isInstanceOfSatisfying(JdbcSetupException.class, e -> assertSetting(e, URL))
        .hasMessageContaining("a port is a number from 1 to 65535");
    assertThatThrownBy(() -> new JdbcSettings(url, "", Secret.of(""), 1))
        .isInstanceOfSatisfying(JdbcSetupException.class, e -> assertSetting(e, "url"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://db.internal:1/paykit",
        "jdbc:postgresql://db.internal:65535/paykit",
        "jdbc:postgresql://db.internal/paykit",
        "jdbc:postgresql://db-a:5432,db-b:5433/paykit?targetServerType=primary",
        "jdbc:postgresql://[::1]:5432/paykit",
        "jdbc:postgresql://[::1]/paykit",
        "jdbc:postgresql:paykit",
        "jdbc:h2:tcp://localhost:9092/~/paykit",
        "jdbc:h2:mem:paykit;DB_CLOSE_DELAY=-1"
      })
  void urls_with_ports_in_range_or_none_are_accepted(String url) {
    assertThat(new JdbcSettings(url, "", Secret.of(""), 1).url()).isEqualTo(url);
  }

  @Test
  void to_string_shows_neither_the_password_nor_one_written_into_the_url() {
    JdbcSettings settings =
        new JdbcSettings(
            "jdbc:postgresql://db/paykit?user=app&password=url-Pa55&ssl=true",
            "app",
            Secret.of("env-Pa55"),
            10);

    assertThat(settings.toString())
        .doesNotContain("url-Pa55")
        .doesNotContain("env-Pa55")
        .contains("password=[redacted]&ssl=true")
        .contains("user=app");
  }

  @Test
  void to_string_hides_a_password_written_as_user_and_password_before_the_host() {
    JdbcSettings settings =
        new JdbcSettings(
            "jdbc:postgresql://app:s3cr@t-Pa55@db.internal:5432/paykit?ssl=true",
            "app",
            Secret.of(""),
            10);

    assertThat(settings.toString())
        .doesNotContain("s3cr")
        .doesNotContain("t-Pa55")
        .contains("jdbc:postgresql://app:[redacted]@db.internal:5432/paykit?ssl=true");
    assertThat(settings.redactedUrl())
        .isEqualTo("jdbc:postgresql://app:[redacted]@db.internal:5432/paykit?ssl=true");
  }

  @Test
  void a_refused_url_is_quoted_without_its_password() {
    assertThatThrownBy(
            () ->
                JdbcSettings.fromEnvironment(
                    Map.of("PAYKIT_DB_URL", "jdbc:postgresql://app:Pa55-w0rd@db:99999/paykit")))
        .isInstanceOf(JdbcSetupException.class)
        .hasMessageContaining("app:[redacted]@db:99999")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Pa55-w0rd"));
  }

  private static void assertSetting(JdbcSetupException e, String setting) {
    assertThat(e.code()).isEqualTo("invalid_setting");
    assertThat(e.subject()).isEqualTo(setting);
    assertThat(e.getMessage()).startsWith(setting + " ");
  }
}
