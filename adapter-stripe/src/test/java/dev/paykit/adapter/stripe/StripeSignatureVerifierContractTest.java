package dev.paykit.adapter.stripe;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.stripefake.FakeStripe;
import dev.paykit.testkit.WebhookVerifierContract;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verifier contract for Stripe's scheme, signed by the fake Stripe's own signing code. */
class StripeSignatureVerifierContractTest extends WebhookVerifierContract {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  protected List<PublishedVector> publishedVectors() {
    return List.of(
        new PublishedVector(
            "stripe-dotnet EventUtilityTest",
            List.of(Secret.of(StripeVectors.SECRET)),
            StripeVectors.body(),
            WebhookHeaders.of(Map.of("Stripe-Signature", StripeVectors.HEADER)),
            StripeVectors.SIGNED_AT.plusSeconds(100),
            null,
            StripeVectors.SIGNED_AT));
  }

  @Override
  protected WebhookVerifier verifier(List<Secret> secrets, Clock clock) {
    return new StripeSignatureVerifier(secrets, clock);
  }

  @Override
  protected Secret newSecret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Secret.of("whsec_" + HexFormat.of().formatHex(bytes));
  }

  @Override
  protected Delivery sign(EventId eventId, Instant timestamp, List<Secret> secrets) {
    byte[] body =
        ("{\"id\":\""
                + eventId.value()
                + "\",\"object\":\"event\",\"created\":"
                + timestamp.getEpochSecond()
                + ",\"type\":\"payment_intent.created\",\"data\":{\"object\":{}}}")
            .getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder("t=").append(timestamp.getEpochSecond());
    for (Secret secret : secrets) {
      header
          .append(",v1=")
          .append(FakeStripe.sign(secret.reveal(), timestamp.getEpochSecond(), body));
    }
    return new Delivery(body, WebhookHeaders.of(Map.of("Stripe-Signature", header.toString())));
  }

  @Override
  protected Map<String, WebhookHeaders> malformedHeaders(WebhookHeaders signed) {
    String header = signed.first("Stripe-Signature").orElseThrow();
    String t = header.substring(0, header.indexOf(','));
    String v1 = header.substring(header.indexOf(',') + 1);
    Map<String, WebhookHeaders> malformed = new LinkedHashMap<>();
    malformed.put("no timestamp", of(v1));
    malformed.put("a timestamp that is not a number", of("t=soon," + v1));
    malformed.put("two timestamps", of(t + "," + header));
    malformed.put("no v1, only v0", of(t + ",v0=" + "ab".repeat(32)));
    malformed.put("a v1 that is not hex", of(t + ",v1=" + "zz".repeat(32)));
    malformed.put("a v1 cut short", of(header.substring(0, header.length() - 2)));
    malformed.put("an element without =", of(header + ",garbage"));
    return malformed;
  }

  private static WebhookHeaders of(String value) {
    return WebhookHeaders.of(Map.of("Stripe-Signature", value));
  }
}
