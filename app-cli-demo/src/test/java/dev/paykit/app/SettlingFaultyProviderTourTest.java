package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.FlowCatalog;
import dev.paykit.app.tour.TourSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour against a provider that is not the tour's sandbox and behaves like a real one: a second
 * process (the runnable sandbox jar, {@code java -jar paykit-sandbox.jar}) that confirms every
 * payment on its own 300 ms after it was created and answers a fifth of the API calls with a
 * transient fault, sending its webhooks to the receiver's fixed {@code --webhook-port}; the gateway
 * makes one attempt per call, so that the faults reach the flows. Every flow that runs must pass:
 * the checks accept any state at or after the expected one, wait for webhooks on their way, ask
 * again after a failed look-up, and have the reconciler finish creates that a fault left queued or
 * unanswered.
 */
class SettlingFaultyProviderTourTest {
  private static final List<Flow> FLOWS = FlowCatalog.standard().apply(TourSettings.standard());
  private static final Pattern LISTENING =
      Pattern.compile("^Paykit sandbox listening on (http://\\S+) ", Pattern.MULTILINE);
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final String CLIENT_ID = "tour-shop";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Process provider;

  @AfterEach
  void stopTheProvider() throws InterruptedException {
    if (provider != null) {
      provider.destroy();
      if (!provider.waitFor(20, TimeUnit.SECONDS)) {
        provider.destroyForcibly();
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void every_flow_that_runs_passes_against_a_provider_that_settles_on_its_own_and_faults_a_fifth()
      throws Exception {
    String clientSecret = random("secret-");
    String webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(randomBytes(32));
    int webhookPort = FreePorts.pick();
    Path providerLog = dir.resolve("provider.err");
    provider =
        startProvider(
            Map.of(
                "PAYKIT_SANDBOX_CLIENT_SECRET", clientSecret,
                "PAYKIT_SANDBOX_WEBHOOK_SECRET", webhookSecret),
            providerLog,
            "--port",
            "0",
            "--client-id",
            CLIENT_ID,
            "--webhook-url",
            "http://127.0.0.1:" + webhookPort + "/webhooks",
            "--auto-settle",
            "PT0.3S",
            "--fault-rate",
            "0.2",
            // With this seed the first create is answered 503, so that the reconciler has a create
            // to finish whatever the timing; any seed must pass, this one shows that path too.
            "--fault-seed",
            "5");
    URI providerUrl = awaitListening(dir.resolve("provider.out"));

    DemoRun run =
        DemoRun.of(
            Map.of(
                "PAYKIT_PROVIDER_CLIENT_ID", CLIENT_ID,
                "PAYKIT_PROVIDER_CLIENT_SECRET", clientSecret,
                "PAYKIT_WEBHOOK_SECRETS", webhookSecret,
                // One attempt per call: a faulted create ends queued or unanswered, as it does now
                // and then with more attempts, and a faulted look-up fails as it is.
                "PAYKIT_PROVIDER_RETRY_MAX_ATTEMPTS", "1"),
            "tour",
            "--provider-url",
            providerUrl.toString(),
            "--webhook-port",
            Integer.toString(webhookPort),
            "--store",
            "memory",
            "--data-dir",
            dir.toString());

    String seen = run + "\n--- provider's log ---\n" + Files.readString(providerLog);
    assertThat(run.exitCode()).as(seen).isZero();
    List<Flow> runnable = FLOWS.stream().filter(f -> !f.needsSandboxOnlyEndpoints()).toList();
    assertThat(runnable).hasSizeGreaterThanOrEqualTo(3);
    for (Flow flow : FLOWS) {
      assertThat(run.summaryResult(flow.name()))
          .as(flow.name() + "\n" + seen)
          .isEqualTo(flow.needsSandboxOnlyEndpoints() ? "SKIPPED" : "PASSED");
    }
    assertThat(run.summaryResult("tour-wide")).as(seen).isEqualTo("PASSED");
    assertThat(run.out())
        .contains(
            runnable.size() + " passed, 0 failed, " + (FLOWS.size() - runnable.size()) + " skipped")
        .contains("http://127.0.0.1:" + webhookPort + "/webhooks (the provider must send")
        .contains("state in the store is STARTED or later");
    // A create the provider refused before acting (503) moves a euro payment to Stripe, its
    // backup; one whose answer was lost stays, and the reconciler finishes it.
    String flat = run.out().replaceAll("\\s+", " ");
    long moved = Pattern.compile("sent to stripe instead").matcher(flat).results().count();
    assertThat(flat)
        .as(seen)
        .containsPattern(
            "ended (Queued|Pending) \\(the provider was unavailable|the payment moved: default did"
                + " not act");
    if (!flat.contains("The reconciler finished")) {
      assertThat(moved).as(seen).isPositive();
    }
    assertThat(run.out() + run.err()).doesNotContain(clientSecret).doesNotContain(webhookSecret);

    // The provider did what made the old tour fail: it settled every payment on its own and
    // faulted calls, and still nothing was charged twice.
    JsonNode ledger = ledger(providerUrl);
    assertThat(ledger.path("payments").path("created").asInt()).isEqualTo(runnable.size() - moved);
    assertThat(ledger.path("payments").path("confirmed").asInt())
        .isEqualTo(runnable.size() - moved);
    ledger
        .path("idempotencyKeys")
        .forEach(key -> assertThat(key.path("payments").asInt()).as(seen).isEqualTo(1));
    assertThat(Files.readString(providerLog))
        .as("the provider's log shows random faults")
        .contains("Random fault for");
  }

  private Process startProvider(Map<String, String> env, Path stderr, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // Its random faults are logged at debug level: the test reads them back.
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
    command.add("-jar");
    command.add(sandboxJar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("PAYKIT_"));
    builder.environment().putAll(env);
    return builder
        .redirectOutput(dir.resolve("provider.out").toFile())
        .redirectError(stderr.toFile())
        .start();
  }

  /**
   * The runnable jar that provider-sandbox's package phase builds, named by the build. Missing only
   * when this module's tests run without the reactor having packaged it: CI must never pass by
   * skipping.
   */
  private static Path sandboxJar() {
    Optional<Path> jar =
        Optional.ofNullable(System.getProperty("paykit.sandbox.jar"))
            .map(Path::of)
            .filter(Files::isRegularFile);
    if (jar.isEmpty()) {
      String why =
          "the runnable sandbox jar ("
              + System.getProperty("paykit.sandbox.jar")
              + ") is not built; run mvn verify (or package) with provider-sandbox in the reactor";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(why);
      }
      Assumptions.abort(why);
    }
    return jar.get();
  }

  private URI awaitListening(Path stdout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      Matcher listening = LISTENING.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
      if (listening.find()) {
        return URI.create(listening.group(1));
      }
      if (!provider.isAlive()) {
        throw new AssertionError(
            "the provider ended with "
                + provider.exitValue()
                + ": "
                + Files.readString(dir.resolve("provider.err")));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the provider did not listen within " + STARTUP);
  }

  /** The provider's ledger: a sandbox endpoint, never faulted. */
  private static JsonNode ledger(URI providerUrl) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(providerUrl.resolve("/sandbox/ledger")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static String random(String prefix) {
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
