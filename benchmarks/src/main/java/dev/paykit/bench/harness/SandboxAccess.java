package dev.paykit.bench.harness;

import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.port.out.Secret;
import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.transport.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** How the harnesses reach a sandbox they started: the gateway's settings, or bare HTTP. */
public final class SandboxAccess {
  private SandboxAccess() {}

  /** Gateway settings for {@code sandbox}; its generated credentials never leave the process. */
  public static ProviderHttpSettings settings(
      SandboxProvider sandbox, Duration requestTimeout, RetryPolicy retry) {
    return new ProviderHttpSettings(
        sandbox.baseUri(),
        sandbox.clientId(),
        Secret.of(sandbox.clientSecret().reveal()),
        List.of(Secret.of(sandbox.webhookSecret().reveal())),
        Duration.ofSeconds(5),
        requestTimeout,
        retry);
  }

  /** An access token from {@code POST /oauth/token}, for bare calls. */
  public static String token(HttpClient http, SandboxProvider sandbox)
      throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (sandbox.clientId() + ":" + sandbox.clientSecret().reveal())
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the sandbox refused a token: " + response.statusCode());
    }
    String body = response.body();
    int start = body.indexOf("\"access_token\"");
    int open = body.indexOf('"', body.indexOf(':', start) + 1);
    return body.substring(open + 1, body.indexOf('"', open + 1));
  }
}
