package dev.paykit.adapter.http;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.SecureUrl;
import dev.paykit.port.out.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where {@link HttpEventDelivery} sends the shop's events and how it signs them.
 *
 * @param url the shop's own endpoint; {@code https://} unless it is a loopback host, and without
 *     {@code user:password@} ({@link SecureUrl}). Never logged or quoted in an error: its path or
 *     query may carry a token of the shop's
 * @param secrets the {@code whsec_} signing secrets, newest first, in the same form as the inbound
 *     {@code PAYKIT_WEBHOOK_SECRETS}. Each delivery is signed with every one of them, so during a
 *     rotation (new and old listed) a receiver holding either verifies it; the rotation ends when
 *     the old secret is removed
 * @param connectTimeout how long making the connection may take
 * @param requestTimeout how long the whole exchange may take, from sending to the last byte of the
 *     answer. A dispatcher holds its claim on the event meanwhile: keep the timeouts of a whole
 *     batch well below the core's outbox claim period
 * @throws ValidationException naming the field, if a value is missing or invalid; never quoting a
 *     secret or the URL
 */
public record EventDeliverySettings(
    URI url, List<Secret> secrets, Duration connectTimeout, Duration requestTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public EventDeliverySettings {
    url = SecureUrl.require("url", url);
    Require.present("secrets", secrets);
    if (secrets.isEmpty()) {
      throw new ValidationException("secrets", "required", "at least one whsec_ secret is needed");
    }
    for (int i = 0; i < secrets.size(); i++) {
      String entry = "entry " + (i + 1) + " of " + secrets.size();
      if (secrets.get(i) == null) {
        throw new ValidationException("secrets", "required", entry + " is missing");
      }
      try {
        StandardWebhookVerifier.decodeKey(secrets.get(i));
      } catch (IllegalArgumentException e) {
        // The message is ours and quotes nothing of the secret.
        throw new ValidationException("secrets", "invalid_secret", entry + " " + e.getMessage());
      }
    }
    secrets = List.copyOf(secrets);
    positive("connectTimeout", connectTimeout);
    positive("requestTimeout", requestTimeout);
  }

  /** Settings with the default timeouts: 5 s to connect, 10 s for the whole exchange. */
  public static EventDeliverySettings of(URI url, List<Secret> secrets) {
    return new EventDeliverySettings(
        url, secrets, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  public EventDeliverySettings withTimeouts(Duration connect, Duration request) {
    return new EventDeliverySettings(url, secrets, connect, request);
  }

  /** The URL's scheme, host and port only: its path or query may hold a token of the shop's. */
  @Override
  public String toString() {
    return "EventDeliverySettings[url="
        + url.getScheme()
        + "://"
        + url.getRawAuthority()
        + "/..., secrets="
        + secrets.size()
        + " secret(s), connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }

  private static void positive(String field, Duration value) {
    Require.present(field, value);
    if (value.isNegative() || value.isZero()) {
      throw new ValidationException(field, "not_positive", "must be a positive duration");
    }
  }
}
