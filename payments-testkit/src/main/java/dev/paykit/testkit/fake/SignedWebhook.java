package dev.paykit.testkit.fake;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.shared.WebhookHeaders;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook as the fake provider sends it: the raw body and the signed headers, ready for {@code
 * ReceiveWebhook.receive(body(), headers())}. Sending the same instance again is a redelivery.
 */
public record SignedWebhook(EventId eventId, byte[] body, WebhookHeaders headers) {
  private static final Pattern AMOUNT = Pattern.compile("(?m)^data\\.amount\\.value=(\\d+)$");

  public SignedWebhook {
    Objects.requireNonNull(eventId, "eventId");
    body = body.clone();
    Objects.requireNonNull(headers, "headers");
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The same body and headers, but signed with a secret the receiver does not know. */
  public SignedWebhook forged() {
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    return new SignedWebhook(
        eventId,
        body,
        FakeWebhookSignature.headers(
            otherKey, header(FakeWebhookSignature.ID_HEADER), timestamp(), body));
  }

  /** The original signature over a body whose amount was raised by one minor unit on the way. */
  public SignedWebhook tamperedBody() {
    String text = new String(body, StandardCharsets.UTF_8);
    Matcher amount = AMOUNT.matcher(text);
    if (!amount.find()) {
      throw new IllegalStateException("the webhook body has no amount to tamper with");
    }
    String raised = "data.amount.value=" + (Long.parseLong(amount.group(1)) + 1);
    return new SignedWebhook(
        eventId, amount.replaceFirst(raised).getBytes(StandardCharsets.UTF_8), headers);
  }

  private long timestamp() {
    return Long.parseLong(header(FakeWebhookSignature.TIMESTAMP_HEADER));
  }

  private String header(String name) {
    return headers
        .first(name)
        .orElseThrow(() -> new IllegalStateException("the webhook has no " + name + " header"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedWebhook that
        && eventId.equals(that.eventId)
        && Arrays.equals(body, that.body)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, Arrays.hashCode(body), headers);
  }

  @Override
  public String toString() {
    return "SignedWebhook[eventId=" + eventId + ", " + body.length + " bytes]";
  }
}
