package dev.paykit.testkit.fake;

import static dev.paykit.testkit.fake.FakeWebhookSignature.ID_HEADER;
import static dev.paykit.testkit.fake.FakeWebhookSignature.SIGNATURE_HEADER;
import static dev.paykit.testkit.fake.FakeWebhookSignature.TIMESTAMP_HEADER;
import static dev.paykit.testkit.fake.FakeWebhookSignature.TOLERANCE;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.port.shared.WebhookVerification.Reason;
import dev.paykit.port.shared.WebhookVerification.Rejected;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Verifies the fake provider's webhooks; a timestamp may be up to five minutes off either way. */
final class FakeWebhookVerifier implements WebhookVerifier {
  private final byte[] key;
  private final Clock clock;

  FakeWebhookVerifier(byte[] key, Clock clock) {
    this.key = key.clone();
    this.clock = clock;
  }

  @Override
  public WebhookVerification verify(byte[] rawBody, WebhookHeaders headers) {
    Optional<String> id = headers.first(ID_HEADER);
    Optional<String> timestamp = headers.first(TIMESTAMP_HEADER);
    Optional<String> signatures = headers.first(SIGNATURE_HEADER);
    if (id.isEmpty() || timestamp.isEmpty() || signatures.isEmpty()) {
      return new Rejected(
          Reason.MISSING_HEADER,
          "needs the headers " + ID_HEADER + ", " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER);
    }
    EventId eventId;
    Instant sentAt;
    try {
      eventId = new EventId(id.get());
      sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp.get()));
    } catch (ValidationException | NumberFormatException | DateTimeException e) {
      return new Rejected(
          Reason.MALFORMED,
          ID_HEADER + " or " + TIMESTAMP_HEADER + " is not in the scheme's format");
    }
    Instant now = clock.instant();
    if (sentAt.isBefore(now.minus(TOLERANCE))) {
      return new Rejected(Reason.STALE_TIMESTAMP, "signed more than " + TOLERANCE + " ago");
    }
    if (sentAt.isAfter(now.plus(TOLERANCE))) {
      return new Rejected(Reason.FUTURE_TIMESTAMP, "signed more than " + TOLERANCE + " ahead");
    }
    byte[] expected = FakeWebhookSignature.hmac(key, id.get(), timestamp.get(), rawBody);
    boolean sawSignature = false;
    boolean matched = false;
    for (String entry : signatures.get().split(" ")) {
      if (!entry.startsWith("v1,")) {
        // Other versions and empty entries belong to schemes this verifier does not speak.
        continue;
      }
      sawSignature = true;
      byte[] given;
      try {
        given = Base64.getDecoder().decode(entry.substring(3));
      } catch (IllegalArgumentException e) {
        return new Rejected(Reason.MALFORMED, "a v1 signature is not base64");
      }
      matched |= MessageDigest.isEqual(expected, given);
    }
    if (!sawSignature) {
      return new Rejected(Reason.MALFORMED, SIGNATURE_HEADER + " has no v1 signature");
    }
    return matched
        ? WebhookVerification.Verified.withSignedId(eventId, sentAt)
        : new Rejected(Reason.NO_MATCHING_SIGNATURE, "no signature matches the secret");
  }
}
