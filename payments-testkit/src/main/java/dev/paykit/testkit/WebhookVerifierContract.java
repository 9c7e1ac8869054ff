package dev.paykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import dev.paykit.port.shared.WebhookVerification.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link WebhookVerifier}, for any signature scheme. Extend it and
 * implement:
 *
 * <ul>
 *   <li>{@link #publishedVectors()}: the examples the scheme's documentation publishes (secret,
 *       body, headers, when they were signed): the proof that your verifier agrees with the
 *       provider byte for byte, and not only with your own signing code.
 *   <li>{@link #verifier(List, Clock)}: your verifier holding the secrets (several during a
 *       rotation), reading the time from the clock.
 *   <li>{@link #newSecret()} and {@link #sign}: a fresh secret, and a delivery signed the way the
 *       provider signs, with one or more secrets at a given time.
 *   <li>{@link #malformedHeaders}: the scheme's own ways of being malformed; each must be {@link
 *       Reason#MALFORMED}.
 * </ul>
 *
 * <p>The suite checks the published vectors, secret rotation, the timestamp tolerance ({@link
 * #tolerance()}) in both directions, missing and malformed headers, a body that does not match its
 * signature, and that no rejection quotes a secret, the event id or the body.
 *
 * <p>A scheme may sign an event id of its own beside the body (Standard Webhooks' {@code
 * webhook-id}) or sign only a timestamp and the body, whose id the parser reads (Stripe's {@code
 * Stripe-Signature}). Both pass: a verifier of the first kind must answer the id it verified
 * ({@link WebhookVerification.Verified#signedEventId()}), one of the second kind answers none.
 */
public abstract class WebhookVerifierContract {

  /** When the contract's own deliveries are verified: a fixed clock, so nothing is flaky. */
  protected static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

  private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  /**
   * One example from the scheme's documentation.
   *
   * @param name which example, for the failure message
   * @param secrets the secret(s) it was signed with
   * @param body the raw body, byte for byte
   * @param headers the headers as published
   * @param verifiedAt a time at which it is within the tolerance (usually its own timestamp)
   * @param eventId the event id the scheme signed beside the body, which the verifier must answer;
   *     null for a scheme that signs none (the id is in the signed body)
   * @param signedAt the timestamp it carries
   */
  public record PublishedVector(
      String name,
      List<Secret> secrets,
      byte[] body,
      WebhookHeaders headers,
      Instant verifiedAt,
      EventId eventId,
      Instant signedAt) {
    public PublishedVector {
      Objects.requireNonNull(name, "name");
      secrets = List.copyOf(secrets);
      body = body.clone();
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(verifiedAt, "verifiedAt");
      Objects.requireNonNull(signedAt, "signedAt");
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A webhook as the provider sends it: the raw body and the headers that sign it. */
  public record Delivery(byte[] body, WebhookHeaders headers) {
    public Delivery {
      body = body.clone();
      Objects.requireNonNull(headers, "headers");
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /** The scheme's published examples; at least one. */
  protected abstract List<PublishedVector> publishedVectors();

  /**
   * The verifier under test, holding {@code secrets} (in the order given) and reading the time from
   * {@code clock}; with no secret it must refuse to be built ({@link IllegalArgumentException}).
   */
  protected abstract WebhookVerifier verifier(List<Secret> secrets, Clock clock);

  /** A new random secret in the scheme's format. */
  protected abstract Secret newSecret();

  /**
   * What the provider sends for an event with id {@code eventId}: a genuine body of the provider's
   * format carrying that id wherever the scheme carries it, signed at {@code timestamp} with each
   * of {@code secrets} (more than one during a rotation). Only the headers the scheme needs.
   */
  protected abstract Delivery sign(EventId eventId, Instant timestamp, List<Secret> secrets);

  /**
   * The headers of {@code signed}, broken in each of the scheme's ways (a timestamp that is not a
   * number, a signature that is not base64 or has no version, ...), by a description of each. Every
   * one must be rejected as {@link Reason#MALFORMED}.
   */
  protected abstract Map<String, WebhookHeaders> malformedHeaders(WebhookHeaders signed);

  /** How far from the clock a timestamp may be, either way; five minutes unless overridden. */
  protected Duration tolerance() {
    return Duration.ofMinutes(5);
  }

  // The scheme as published

  @Test
  void every_published_vector_verifies_as_its_event_at_its_time() {
    assertThat(publishedVectors()).as("published vectors").isNotEmpty();
    for (PublishedVector vector : publishedVectors()) {
      WebhookVerification result =
          verifier(vector.secrets(), clockAt(vector.verifiedAt()))
              .verify(vector.body(), vector.headers());

      assertThat(result).as(vector.name()).isInstanceOf(WebhookVerification.Verified.class);
      WebhookVerification.Verified verified = (WebhookVerification.Verified) result;
      assertThat(verified.signedEventId())
          .as(vector.name() + ": signed event id")
          .isEqualTo(Optional.ofNullable(vector.eventId()));
      assertThat(verified.timestamp())
          .as(vector.name() + ": timestamp")
          .isEqualTo(vector.signedAt());
    }
  }

  @Test
  void a_published_vector_with_one_byte_of_its_body_changed_is_rejected() {
    for (PublishedVector vector : publishedVectors()) {
      byte[] body = vector.body();
      for (int at : new int[] {0, body.length / 2, body.length - 1}) {
        byte[] tampered = body.clone();
        tampered[at] ^= 0x01;

        assertRejected(
            verifier(vector.secrets(), clockAt(vector.verifiedAt()))
                .verify(tampered, vector.headers()),
            Reason.NO_MATCHING_SIGNATURE,
            vector.name() + ", byte " + at + " changed");
      }
    }
  }

  @Test
  void a_published_vector_checked_with_another_secret_is_rejected() {
    for (PublishedVector vector : publishedVectors()) {
      assertRejected(
          verifier(List.of(newSecret()), clockAt(vector.verifiedAt()))
              .verify(vector.body(), vector.headers()),
          Reason.NO_MATCHING_SIGNATURE,
          vector.name());
    }
  }

  @Test
  void a_published_vector_checked_after_the_tolerance_is_rejected_as_stale() {
    for (PublishedVector vector : publishedVectors()) {
      Instant late = vector.signedAt().plus(tolerance()).plusSeconds(1);

      assertRejected(
          verifier(vector.secrets(), clockAt(late)).verify(vector.body(), vector.headers()),
          Reason.STALE_TIMESTAMP,
          vector.name());
    }
  }

  // Round trips with the provider's signing

  @Test
  void a_delivery_signed_now_verifies_as_its_event() {
    Secret secret = newSecret();
    EventId id = eventId("now");
    Delivery delivery = sign(id, NOW, List.of(secret));

    WebhookVerification result =
        verifier(List.of(secret)).verify(delivery.body(), delivery.headers());

    assertThat(result).isInstanceOf(WebhookVerification.Verified.class);
    WebhookVerification.Verified verified = (WebhookVerification.Verified) result;
    assertThat(verified.timestamp()).isEqualTo(NOW);
    // A scheme that signs no id of its own answers none; one that does, the one it signed.
    verified
        .signedEventId()
        .ifPresent(signed -> assertThat(signed).as("signed event id").isEqualTo(id));
  }

  // Rotation: several secrets at once

  @Test
  void while_both_secrets_are_held_a_delivery_signed_with_the_old_one_verifies() {
    Secret old = newSecret();
    Secret next = newSecret();
    Delivery delivery = sign(eventId("rot-old"), NOW, List.of(old));

    assertVerified(verifier(List.of(next, old)).verify(delivery.body(), delivery.headers()));
  }

  @Test
  void while_both_secrets_are_held_a_delivery_signed_with_the_new_one_verifies() {
    Secret old = newSecret();
    Secret next = newSecret();
    Delivery delivery = sign(eventId("rot-new"), NOW, List.of(next));

    assertVerified(verifier(List.of(next, old)).verify(delivery.body(), delivery.headers()));
  }

  @Test
  void a_delivery_signed_with_both_secrets_verifies_with_either_one_held_alone() {
    Secret old = newSecret();
    Secret next = newSecret();
    Delivery delivery = sign(eventId("rot-both"), NOW, List.of(next, old));

    assertVerified(verifier(List.of(next)).verify(delivery.body(), delivery.headers()));
    assertVerified(verifier(List.of(old)).verify(delivery.body(), delivery.headers()));
  }

  @Test
  void a_delivery_signed_with_the_last_of_three_held_secrets_verifies() {
    Secret third = newSecret();
    Delivery delivery = sign(eventId("rot-third"), NOW, List.of(third));

    assertVerified(
        verifier(List.of(newSecret(), newSecret(), third))
            .verify(delivery.body(), delivery.headers()));
  }

  @Test
  void a_delivery_signed_with_a_secret_no_longer_held_is_rejected() {
    Secret retired = newSecret();
    Delivery delivery = sign(eventId("rot-retired"), NOW, List.of(retired));

    assertRejected(
        verifier(List.of(newSecret(), newSecret())).verify(delivery.body(), delivery.headers()),
        Reason.NO_MATCHING_SIGNATURE,
        "signed with a retired secret");
  }

  @Test
  void a_verifier_needs_at_least_one_secret() {
    assertThatThrownBy(() -> verifier(List.of(), clockAt(NOW)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // The timestamp tolerance, both ways

  @Test
  void a_timestamp_just_inside_the_tolerance_either_way_verifies() {
    Secret secret = newSecret();
    Instant earliest = NOW.minus(tolerance()).plusSeconds(1);
    Instant latest = NOW.plus(tolerance()).minusSeconds(1);

    for (Instant at : List.of(earliest, latest)) {
      Delivery delivery = sign(eventId("inside"), at, List.of(secret));
      assertVerified(verifier(List.of(secret)).verify(delivery.body(), delivery.headers()));
    }
  }

  @Test
  void a_timestamp_older_than_the_tolerance_is_rejected_as_stale_even_correctly_signed() {
    Secret secret = newSecret();

    for (Instant at :
        List.of(NOW.minus(tolerance()).minusSeconds(1), NOW.minus(Duration.ofDays(1)))) {
      Delivery delivery = sign(eventId("stale"), at, List.of(secret));
      assertRejected(
          verifier(List.of(secret)).verify(delivery.body(), delivery.headers()),
          Reason.STALE_TIMESTAMP,
          "signed at " + at);
    }
  }

  @Test
  void a_timestamp_further_ahead_than_the_tolerance_is_rejected_as_future_even_correctly_signed() {
    Secret secret = newSecret();

    for (Instant at : List.of(NOW.plus(tolerance()).plusSeconds(1), NOW.plus(Duration.ofDays(1)))) {
      Delivery delivery = sign(eventId("future"), at, List.of(secret));
      assertRejected(
          verifier(List.of(secret)).verify(delivery.body(), delivery.headers()),
          Reason.FUTURE_TIMESTAMP,
          "signed at " + at);
    }
  }

  // Headers: missing, malformed, hostile

  @Test
  void each_signing_header_left_out_is_rejected_as_missing() {
    Secret secret = newSecret();
    Delivery delivery = sign(eventId("missing"), NOW, List.of(secret));
    assertThat(delivery.headers().values()).as("the signing headers").isNotEmpty();

    for (String name : delivery.headers().values().keySet()) {
      Map<String, List<String>> without = new HashMap<>(delivery.headers().values());
      without.remove(name);

      assertRejected(
          verifier(List.of(secret)).verify(delivery.body(), new WebhookHeaders(without)),
          Reason.MISSING_HEADER,
          "without " + name);
    }
    assertRejected(
        verifier(List.of(secret)).verify(delivery.body(), new WebhookHeaders(Map.of())),
        Reason.MISSING_HEADER,
        "without any header");
  }

  @Test
  void each_malformed_header_of_the_scheme_is_rejected_as_malformed() {
    Secret secret = newSecret();
    Delivery delivery = sign(eventId("malformed"), NOW, List.of(secret));
    Map<String, WebhookHeaders> malformed = malformedHeaders(delivery.headers());
    assertThat(malformed).as("the scheme's malformed headers").isNotEmpty();

    malformed.forEach(
        (what, headers) ->
            assertRejected(
                verifier(List.of(secret)).verify(delivery.body(), headers),
                Reason.MALFORMED,
                what));
  }

  @Test
  void hostile_values_in_any_signing_header_are_rejected_without_an_exception() {
    Secret secret = newSecret();
    Delivery delivery = sign(eventId("hostile"), NOW, List.of(secret));
    List<String> hostile =
        List.of(
            "",
            " ",
            "garbage",
            "v1,",
            ",",
            "\u0000",
            "t=,v1=",
            "é😀",
            "9".repeat(40),
            "x".repeat(20_000));

    for (String name : delivery.headers().values().keySet()) {
      for (String value : hostile) {
        Map<String, List<String>> headers = new HashMap<>(delivery.headers().values());
        headers.put(name, List.of(value));
        String what = name + " = " + (value.length() > 20 ? value.length() + " chars" : value);

        // An exception instead of a rejection fails the test as well: the receiver would answer
        // 500.
        assertThat(verifier(List.of(secret)).verify(delivery.body(), new WebhookHeaders(headers)))
            .as(what)
            .isInstanceOf(WebhookVerification.Rejected.class);
      }
    }
  }

  // The body must be the one signed

  @Test
  void another_genuine_body_under_these_headers_is_rejected() {
    Secret secret = newSecret();
    Delivery signed = sign(eventId("body-a"), NOW, List.of(secret));
    Delivery other = sign(eventId("body-b"), NOW, List.of(secret));

    assertRejected(
        verifier(List.of(secret)).verify(other.body(), signed.headers()),
        Reason.NO_MATCHING_SIGNATURE,
        "another event's body");
  }

  @Test
  void a_body_changed_after_signing_is_rejected() {
    Secret secret = newSecret();
    Delivery delivery = sign(eventId("changed"), NOW, List.of(secret));
    byte[] body = delivery.body();
    byte[] reserialized =
        (new String(body, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] truncated = Arrays.copyOf(body, body.length - 1);

    Map<String, byte[]> changed =
        Map.of(
            "a newline appended", reserialized,
            "its last byte cut", truncated,
            "emptied", new byte[0]);
    changed.forEach(
        (what, tampered) ->
            assertRejected(
                verifier(List.of(secret)).verify(tampered, delivery.headers()),
                Reason.NO_MATCHING_SIGNATURE,
                what));
  }

  // What a rejection may say

  @Test
  void no_rejection_quotes_a_secret_the_event_id_or_the_body() {
    Secret secret = newSecret();
    EventId id = eventId("quiet");
    Delivery delivery = sign(id, NOW, List.of(secret));
    WebhookVerifier verifier = verifier(List.of(secret));
    List<WebhookVerification> results = new ArrayList<>();
    results.add(verifier.verify(new byte[] {1, 2, 3}, delivery.headers()));
    results.add(verifier(List.of(newSecret())).verify(delivery.body(), delivery.headers()));
    results.add(
        verifier(List.of(secret, newSecret()), clockAt(NOW.plus(Duration.ofHours(1))))
            .verify(delivery.body(), delivery.headers()));
    results.add(
        verifier(List.of(secret), clockAt(NOW.minus(Duration.ofHours(1))))
            .verify(delivery.body(), delivery.headers()));
    malformedHeaders(delivery.headers())
        .values()
        .forEach(headers -> results.add(verifier.verify(delivery.body(), headers)));
    String body = new String(delivery.body(), StandardCharsets.UTF_8);

    for (WebhookVerification result : results) {
      assertThat(result).isInstanceOf(WebhookVerification.Rejected.class);
      String detail = String.valueOf(((WebhookVerification.Rejected) result).detail());
      assertThat(detail)
          .as("rejection detail")
          .doesNotContain(secret.reveal())
          .doesNotContain(id.value());
      if (!body.isBlank()) {
        assertThat(detail).as("rejection detail").doesNotContain(body.strip());
      }
    }
  }

  /** An event id of this run: unique, and recognisable if it turns up where it must not. */
  protected final EventId eventId(String name) {
    return new EventId("evt_" + run + "_" + name.replace('-', '_'));
  }

  private WebhookVerifier verifier(List<Secret> secrets) {
    return verifier(secrets, clockAt(NOW));
  }

  private static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  private static void assertVerified(WebhookVerification result) {
    assertThat(result).isInstanceOf(WebhookVerification.Verified.class);
  }

  private static void assertRejected(WebhookVerification result, Reason reason, String what) {
    assertThat(result).as(what).isInstanceOf(WebhookVerification.Rejected.class);
    WebhookVerification.Rejected rejected = (WebhookVerification.Rejected) result;
    assertThat(rejected.reason()).as(what + ": " + rejected.detail()).isEqualTo(reason);
  }
}
