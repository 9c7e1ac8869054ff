package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.FlowCatalog;
import dev.paykit.app.tour.TourSettings;
import dev.paykit.sandbox.SandboxProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --provider-url} points the gateway at a server of its own: here a second sandbox, which
 * the tour does not control. Flows that need the sandbox's own endpoints are skipped, not passed.
 */
class ExternalProviderTourTest {
  private static final List<Flow> FLOWS = FlowCatalog.standard().apply(TourSettings.standard());

  @TempDir Path data;
  private SandboxProvider other;

  @BeforeEach
  void startAnotherProvider() {
    other = SandboxProvider.start();
  }

  @AfterEach
  void stopIt() {
    other.close();
  }

  @Test
  void the_sandbox_only_flows_are_skipped_and_the_others_pass() {
    DemoRun run =
        DemoRun.of(
            credentials(),
            "tour",
            "--provider-url",
            other.baseUri().toString(),
            "--store",
            "memory",
            "--data-dir",
            data.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    long runnable = FLOWS.stream().filter(f -> !f.needsSandboxOnlyEndpoints()).count();
    assertThat(runnable).isPositive();
    for (Flow flow : FLOWS) {
      assertThat(run.summaryResult(flow.name()))
          .as(flow.name() + "\n" + run)
          .isEqualTo(flow.needsSandboxOnlyEndpoints() ? "SKIPPED" : "PASSED");
    }
    assertThat(run.out())
        .contains(runnable + " passed, 0 failed, " + (FLOWS.size() - runnable) + " skipped")
        .contains(other.baseUri() + " (credentials from the environment)");
    assertThat(other.payments()).hasSize((int) runnable);
  }

  @Test
  void the_credentials_can_come_from_a_secrets_file() throws Exception {
    Path secrets = data.resolve("paykit.secrets");
    Files.writeString(
        secrets,
        "PAYKIT_PROVIDER_CLIENT_SECRET="
            + other.clientSecret().reveal()
            + "\n"
            + "PAYKIT_WEBHOOK_SECRETS="
            + other.webhookSecret().reveal()
            + "\n");

    DemoRun run =
        DemoRun.of(
            Map.of("PAYKIT_PROVIDER_CLIENT_ID", other.clientId()),
            "tour",
            "--flow",
            "idempotent-retry",
            "--provider-url",
            other.baseUri().toString(),
            "--secrets-file",
            secrets.toString(),
            "--store",
            "memory",
            "--data-dir",
            data.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.summaryResult("idempotent-retry")).isEqualTo("PASSED");
    assertThat(run.out() + run.err()).doesNotContain(other.clientSecret().reveal());
  }

  @Test
  void a_missing_credential_is_named_and_nothing_starts() {
    Map<String, String> env = Map.of("PAYKIT_PROVIDER_CLIENT_ID", other.clientId());

    DemoRun run =
        DemoRun.of(env, "tour", "--provider-url", other.baseUri().toString(), "--store", "memory");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("PAYKIT_PROVIDER_CLIENT_SECRET");
    assertThat(run.out()).doesNotContain("Paykit tour");
  }

  private Map<String, String> credentials() {
    return Map.of(
        "PAYKIT_PROVIDER_CLIENT_ID", other.clientId(),
        "PAYKIT_PROVIDER_CLIENT_SECRET", other.clientSecret().reveal(),
        "PAYKIT_WEBHOOK_SECRETS", other.webhookSecret().reveal());
  }
}
