package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.port.out.Secret;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcSettingsTest {

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
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PAYKIT_DB_POOL_SIZE");
    assertThatThrownBy(() -> JdbcSettings.fromEnvironment(Map.of("PAYKIT_DB_POOL_SIZE", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and");
  }

  @Test
  void a_url_that_is_not_jdbc_is_refused() {
    assertThatThrownBy(
            () -> JdbcSettings.fromEnvironment(Map.of("PAYKIT_DB_URL", "postgres://db/paykit")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:");
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
}
