package dev.paykit.adapter.http;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.testkit.WebhookVerifierContract;
import dev.paykit.testkit.fake.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The verifier contract, run against the Standard Webhooks verifier of the reference API. */
class StandardWebhookVerifierContractTest extends WebhookVerifierContract {

  @Override
  protected List<PublishedVector> publishedVectors() {
    Instant signedAt =
        Instant.ofEpochSecond(Long.parseLong(StandardWebhookVerifierTest.VECTOR_TIMESTAMP));
    return List.of(
        new PublishedVector(
            "the Standard Webhooks reference libraries' vector",
            List.of(Secret.of(StandardWebhookVerifierTest.VECTOR_SECRET)),
            StandardWebhookVerifierTest.VECTOR_PAYLOAD,
            headers(
                StandardWebhookVerifierTest.VECTOR_ID,
                StandardWebhookVerifierTest.VECTOR_TIMESTAMP,
                StandardWebhookVerifierTest.VECTOR_SIGNATURE),
            signedAt,
            new EventId(StandardWebhookVerifierTest.VECTOR_ID),
            signedAt));
  }

  @Override
  protected WebhookVerifier verifier(List<Secret> secrets, Clock clock) {
    return new StandardWebhookVerifier(secrets, clock);
  }

  @Override
  protected Secret newSecret() {
    return Secret.of(WebhookSigner.randomSecret());
  }

  @Override
  protected Delivery sign(EventId eventId, Instant timestamp, List<Secret> secrets) {
    byte[] body =
        ("{\"id\": \""
                + eventId.value()
                + "\", \"type\": \"payment.status_changed\", \"createdAt\": \""
                + timestamp
                + "\", \"data\": {}}")
            .getBytes(StandardCharsets.UTF_8);
    String signatures =
        secrets.stream()
            .map(
                secret ->
                    WebhookSigner.of(secret.reveal())
                        .signature(eventId.value(), timestamp.getEpochSecond(), body))
            .collect(Collectors.joining(" "));
    return new Delivery(
        body, headers(eventId.value(), Long.toString(timestamp.getEpochSecond()), signatures));
  }

  @Override
  protected Map<String, WebhookHeaders> malformedHeaders(WebhookHeaders signed) {
    String id = signed.first("webhook-id").orElseThrow();
    String timestamp = signed.first("webhook-timestamp").orElseThrow();
    String signature = signed.first("webhook-signature").orElseThrow();
    Map<String, WebhookHeaders> malformed = new LinkedHashMap<>();
    malformed.put("a timestamp that is not a number", headers(id, "yesterday", signature));
    malformed.put("a negative timestamp", headers(id, "-" + timestamp, signature));
    malformed.put("a fractional timestamp", headers(id, timestamp + ".5", signature));
    malformed.put("a timestamp of 13 digits", headers(id, "1" + "0".repeat(12), signature));
    malformed.put("a signature without a version", headers(id, timestamp, "c2lnbmF0dXJl"));
    malformed.put("a signature that is not base64", headers(id, timestamp, "v1,not*base64!"));
    malformed.put("an id with a control character", headers("evt\u0007bell", timestamp, signature));
    return malformed;
  }

  private static WebhookHeaders headers(String id, String timestamp, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", timestamp);
    headers.put("webhook-signature", signature);
    return WebhookHeaders.of(headers);
  }
}
