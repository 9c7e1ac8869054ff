package dev.paykit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The build sends the sandbox's log, at debug level, to a file; this test reads it back. */
class LoggingTest {

  private static String log(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void never_logs_tokens_client_secrets_webhook_secrets_or_authorization_headers() {
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    Assumptions.assumeTrue(
        logFile != null && logFile.endsWith(".log"), "the build configures a log file");
    Path file = Path.of(logFile);
    String clientSecret = "client-secret-that-must-not-leak-7f3a";
    SandboxSecret webhookSecret = SandboxSecret.randomWebhookSecret();
    List<String> requestIds = new ArrayList<>();
    String token;
    try (WebhookReceiver receiver = new WebhookReceiver();
        SandboxProvider sandbox =
            SandboxProvider.start(
                TestSandboxes.fast()
                    .clientSecret(SandboxSecret.of(clientSecret))
                    .webhookSecret(webhookSecret)
                    .webhookUrl(receiver.url())
                    .build())) {
      SandboxClient client = new SandboxClient(sandbox);
      HttpResponse<String> wrong =
          client.requestToken(
              SandboxClient.basic(sandbox.clientId(), clientSecret + "x"),
              "grant_type=client_credentials");
      requestIds.add(wrong.headers().firstValue("Request-Id").orElseThrow());
      token = client.token();
      String tx = client.createPayment();
      sandbox.simulate(tx, SimulatedOutcome.CONFIRMED);
      sandbox.faults().inject(Fault.error("GET /v1/payments/{id}", 500).afterAction());
      requestIds.add(
          client.get("/v1/payments/" + tx).headers().firstValue("Request-Id").orElseThrow());
      await().atMost(Duration.ofSeconds(5)).until(() -> receiver.receivedFor(tx).size() == 2);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> requestIds.stream().allMatch(id -> log(file).contains(id)));
    }

    String log = log(file);
    assertThat(log).contains("Webhook evt_");
    assertThat(log)
        .doesNotContain(clientSecret)
        .doesNotContain(token)
        .doesNotContain(webhookSecret.reveal().substring("whsec_".length()))
        .doesNotContain("whsec_")
        .doesNotContainIgnoringCase("authorization")
        .doesNotContain("Bearer ")
        .doesNotContain("Basic ");
  }
}
