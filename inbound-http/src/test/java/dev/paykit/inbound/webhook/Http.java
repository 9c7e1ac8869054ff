package dev.paykit.inbound.webhook;

import dev.paykit.testkit.fake.SignedWebhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Delivers webhooks over real HTTP, as a provider does. */
final class Http {
  static final String JSON = "application/json";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HttpResponse<String> post(URI uri, SignedWebhook webhook) throws Exception {
    return post(uri, webhook, JSON);
  }

  HttpResponse<String> post(URI uri, SignedWebhook webhook, String contentType) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    webhook
        .headers()
        .values()
        .forEach((name, values) -> values.forEach(v -> request.header(name, v)));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(URI uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
