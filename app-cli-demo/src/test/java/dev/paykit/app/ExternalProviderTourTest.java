package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.FlowCatalog;
import dev.paykit.app.tour.TourSettings;
import dev.paykit.sandbox.Fault;
import dev.paykit.sandbox.SandboxConfig;
import dev.paykit.sandbox.SandboxProvider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
  private static final int GATEWAY_ATTEMPTS = 3;

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
    DemoRun run = tourAgainstOther(credentials());

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
  void the_flows_pass_against_a_provider_that_settles_every_payment_at_once() throws Exception {
    int webhookPort = FreePorts.pick();
    other.close();
    other =
        SandboxProvider.start(
            SandboxConfig.builder()
                .autoSettle(Duration.ofMillis(1))
                .webhookUrl(URI.create("http://127.0.0.1:" + webhookPort + "/webhooks"))
                .build());

    DemoRun run = tourAgainstOther(credentials(), "--webhook-port", Integer.toString(webhookPort));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    long runnable = FLOWS.stream().filter(f -> !f.needsSandboxOnlyEndpoints()).count();
    assertThat(run.out()).contains(runnable + " passed, 0 failed");
    // What the flows expected to be STARTED was confirmed by the provider before they looked.
    assertThat(run.out().lines().filter(l -> l.contains("state in the store is STARTED or later")))
        .hasSize((int) runnable)
        .allSatisfy(line -> assertThat(line).contains("PASS").endsWith("SUCCEEDED"));
    assertThat(other.ledger().paymentsConfirmed()).isEqualTo(runnable);
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
        tourAgainstOther(
            Map.of("PAYKIT_PROVIDER_CLIENT_ID", other.clientId()),
            "--flow",
            "idempotent-retry",
            "--secrets-file",
            secrets.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.summaryResult("idempotent-retry")).isEqualTo("PASSED");
    assertThat(run.out() + run.err()).doesNotContain(other.clientSecret().reveal());
  }

  @Test
  void a_euro_create_the_provider_refused_before_acting_goes_to_stripe_and_is_charged_there() {
    // A 503 for every attempt of the gateway: the provider did nothing, so the euro payment goes
    // to its backup, the fake Stripe, instead of waiting queued.
    other.faults().inject(Fault.error("POST /v1/payments", 503).times(GATEWAY_ATTEMPTS));
    Map<String, String> env = new HashMap<>(credentials());
    env.put("PAYKIT_PROVIDER_RETRY_MAX_ATTEMPTS", Integer.toString(GATEWAY_ATTEMPTS));

    DemoRun run = tourAgainstOther(env, "--flow", "idempotent-retry");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.summaryResult("idempotent-retry")).isEqualTo("PASSED");
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("the payment moved: default did not act")
        .contains("sent to stripe instead")
        .contains("the provider stripe accepted it");
    assertThat(other.ledger().paymentsCreated()).isZero();
  }

  @Test
  void a_create_whose_answers_were_all_lost_is_finished_by_the_reconciler_and_charged_once() {
    // The provider acts every time, but the gateway never hears back: the outcome is unknown.
    other
        .faults()
        .inject(Fault.dropResponse("POST /v1/payments").closeImmediately().times(GATEWAY_ATTEMPTS));

    assertFinishedByTheReconciler("key-reuse-conflict", "Pending");
  }

  /** Runs {@code flow}, whose create ends {@code ended}; it passes, with one payment made. */
  private void assertFinishedByTheReconciler(String flow, String ended) {
    Map<String, String> env = new HashMap<>(credentials());
    env.put("PAYKIT_PROVIDER_RETRY_MAX_ATTEMPTS", Integer.toString(GATEWAY_ATTEMPTS));

    DemoRun run = tourAgainstOther(env, "--flow", flow);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.summaryResult(flow)).isEqualTo("PASSED");
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("ended " + ended + " (the provider was unavailable or its answer was lost)")
        .contains("The reconciler finished");
    assertThat(other.ledger().paymentsCreated()).isEqualTo(1);
  }

  @Test
  void a_missing_credential_is_named_and_nothing_starts() {
    Map<String, String> env = Map.of("PAYKIT_PROVIDER_CLIENT_ID", other.clientId());

    DemoRun run = tourAgainstOther(env);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("PAYKIT_PROVIDER_CLIENT_SECRET");
    assertThat(run.out()).doesNotContain("Paykit tour");
  }

  /** The tour against {@code other}, in memory, with {@code options} added. */
  private DemoRun tourAgainstOther(Map<String, String> env, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "tour",
                "--provider-url",
                other.baseUri().toString(),
                "--store",
                "memory",
                "--data-dir",
                data.toString()));
    args.addAll(List.of(options));
    return DemoRun.of(env, args.toArray(String[]::new));
  }

  private Map<String, String> credentials() {
    return Map.of(
        "PAYKIT_PROVIDER_CLIENT_ID", other.clientId(),
        "PAYKIT_PROVIDER_CLIENT_SECRET", other.clientSecret().reveal(),
        "PAYKIT_WEBHOOK_SECRETS", other.webhookSecret().reveal());
  }
}
