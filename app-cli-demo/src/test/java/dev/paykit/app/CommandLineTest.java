package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.port.out.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Flags, environment and secrets file: what the command line accepts and what it refuses. */
class CommandLineTest {
  private static final Map<String, String> PROVIDER =
      Map.of(
          "PAYKIT_PROVIDER_URL", "https://provider.example",
          "PAYKIT_PROVIDER_CLIENT_ID", "shop-7",
          "PAYKIT_PROVIDER_CLIENT_SECRET", "from-the-environment",
          "PAYKIT_WEBHOOK_SECRETS", "whsec_c2VjcmV0LWtleS1ieXRlcw==");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--client-secret",
        "--provider-client-secret",
        "--webhook-secret",
        "--db-password",
        "--password"
      })
  void there_is_no_flag_for_a_secret(String flag) {
    DemoRun run = DemoRun.of(Map.of(), "tour", flag, "s3cret-value");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option");
  }

  @Test
  void no_option_of_either_command_takes_a_secret() {
    CommandLine cli = new CommandLine(new PaykitDemo());
    cli.addSubcommand("tour", new TourCommand(Map.of(), System.out, System.err, s -> List.of()));
    cli.addSubcommand("serve", new ServeCommand(Map.of(), System.out, System.err));
    for (CommandLine command : cli.getSubcommands().values()) {
      command.getCommandSpec().options().stream()
          // The secrets file's option takes where the secrets are, never one of them.
          .filter(option -> !option.longestName().equals("--secrets-file"))
          .forEach(
              option ->
                  assertThat(String.join(" ", option.names()).toLowerCase())
                      .as(command.getCommandName())
                      .doesNotContain("secret")
                      .doesNotContain("password")
                      .doesNotContain("token"));
    }
  }

  @Test
  void a_database_url_with_a_password_is_refused_without_echoing_it() {
    DemoRun run =
        DemoRun.of(
            Map.of(),
            "tour",
            "--db",
            "jdbc:postgresql://127.0.0.1:5432/test?user=app&password=hunter2",
            "--data-dir",
            dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("PAYKIT_DB_PASSWORD").doesNotContain("hunter2");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void postgres_without_a_database_url_is_a_usage_error() {
    DemoRun run = DemoRun.of(Map.of(), "tour", "--store", "postgres");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--store postgres needs --db");
  }

  @Test
  void an_unknown_store_names_the_choices() {
    DemoRun run = DemoRun.of(Map.of(), "tour", "--store", "mongo");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("use memory, h2 or postgres");
  }

  @Test
  void without_a_command_the_tour_runs() {
    assertThat(PaykitDemo.withDefaultCommand(new String[0])).containsExactly("tour");
    assertThat(PaykitDemo.withDefaultCommand(new String[] {"--store", "h2"}))
        .containsExactly("tour", "--store", "h2");
    assertThat(PaykitDemo.withDefaultCommand(new String[] {"serve"})).containsExactly("serve");
    assertThat(PaykitDemo.withDefaultCommand(new String[] {"--help"})).containsExactly("--help");
  }

  @Test
  void the_help_lists_both_commands() {
    DemoRun run = DemoRun.of(Map.of(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("tour").contains("serve");
  }

  @Test
  void the_store_comes_from_the_flag_then_the_environment_then_the_url() throws Exception {
    assertThat(resolve(Map.of()).store()).isEqualTo(StoreKind.H2);
    assertThat(resolve(Map.of("PAYKIT_DEMO_STORE", "memory")).store()).isEqualTo(StoreKind.MEMORY);
    assertThat(resolve(Map.of("PAYKIT_DB_URL", "jdbc:postgresql://db/paykit")).store())
        .isEqualTo(StoreKind.POSTGRES);
    assertThat(resolve(Map.of("PAYKIT_DEMO_STORE", "memory"), "--store", "h2").store())
        .isEqualTo(StoreKind.H2);
  }

  @Test
  void provider_credentials_come_from_the_environment() throws Exception {
    ProviderHttpSettings settings = resolve(PROVIDER).externalProvider().orElseThrow();

    assertThat(settings.clientId()).isEqualTo("shop-7");
    assertThat(settings.clientSecret()).isEqualTo(Secret.of("from-the-environment"));
    assertThat(settings.toString()).doesNotContain("from-the-environment");
  }

  @Test
  void the_provider_url_flag_wins_over_the_environment() throws Exception {
    ProviderHttpSettings settings =
        resolve(PROVIDER, "--provider-url", "https://other.example")
            .externalProvider()
            .orElseThrow();

    assertThat(settings.baseUri()).hasToString("https://other.example");
  }

  @Test
  void without_a_provider_url_the_tour_starts_its_own_sandbox() throws Exception {
    Map<String, String> credentialsOnly = new java.util.HashMap<>(PROVIDER);
    credentialsOnly.remove("PAYKIT_PROVIDER_URL");

    assertThat(resolve(credentialsOnly).externalProvider()).isEmpty();
  }

  @Test
  void a_secrets_file_is_read_over_the_environment() throws Exception {
    Path file = dir.resolve("secrets.properties");
    Files.writeString(file, "PAYKIT_PROVIDER_CLIENT_SECRET=from-the-file\n");

    ProviderHttpSettings settings =
        resolve(PROVIDER, "--secrets-file", file.toString()).externalProvider().orElseThrow();

    assertThat(settings.clientSecret()).isEqualTo(Secret.of("from-the-file"));
  }

  @Test
  void the_secrets_file_can_be_named_in_the_environment() throws Exception {
    Path file = dir.resolve("secrets.properties");
    Files.writeString(file, "PAYKIT_DB_PASSWORD=from-the-file\nPAYKIT_DEMO_STORE=memory\n");

    DemoConfig config = resolve(Map.of("PAYKIT_SECRETS_FILE", file.toString()));

    assertThat(config.store()).isEqualTo(StoreKind.MEMORY);
  }

  @Test
  void an_unreadable_secrets_file_is_named() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> resolve(Map.of(), "--secrets-file", missing.toString()))
        .hasMessageContaining(missing.toString());
  }

  private static DemoConfig resolve(Map<String, String> env, String... args) throws Exception {
    DemoOptions options = new DemoOptions();
    new CommandLine(options).parseArgs(args);
    return DemoConfig.resolve(options, env);
  }
}
