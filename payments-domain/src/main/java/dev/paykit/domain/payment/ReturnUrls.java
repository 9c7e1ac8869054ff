package dev.paykit.domain.payment;

import dev.paykit.domain.Require;
import java.net.URI;

/**
 * Where the hosted checkout sends the customer back. Coming back proves nothing about the outcome:
 * the payment is verified with the provider, never read from the redirect.
 */
public record ReturnUrls(URI successUrl, URI cancelUrl) {
  public ReturnUrls {
    successUrl = SecureUrl.require("successUrl", successUrl);
    cancelUrl = SecureUrl.require("cancelUrl", cancelUrl);
  }

  /**
   * Where a return URL is to carry the payment's id, which does not exist yet when the shop builds
   * the URL ({@code https://shop.example/return?payment=PAYKIT_PAYMENT_ID}). Made of characters a
   * URL allows as written, so it needs no escaping; a host cannot hold it.
   */
  public static final String PAYMENT_ID_PLACEHOLDER = "PAYKIT_PAYMENT_ID";

  public static ReturnUrls of(String successUrl, String cancelUrl) {
    return new ReturnUrls(
        SecureUrl.require("successUrl", successUrl), SecureUrl.require("cancelUrl", cancelUrl));
  }

  /**
   * These URLs with every {@link #PAYMENT_ID_PLACEHOLDER} replaced by the payment's id,
   * percent-encoded: what the provider is sent. The request keeps the URLs as the shop gave them,
   * so its fingerprint, and with it the idempotency key, does not depend on the id. URLs without
   * the placeholder are these very URLs, already checked: nothing is parsed again.
   */
  public ReturnUrls forPayment(PaymentId id) {
    Require.present("paymentId", id);
    String success = successUrl.toString();
    String cancel = cancelUrl.toString();
    if (!success.contains(PAYMENT_ID_PLACEHOLDER) && !cancel.contains(PAYMENT_ID_PLACEHOLDER)) {
      return this;
    }
    String encoded = percentEncoded(id.value());
    return new ReturnUrls(
        URI.create(success.replace(PAYMENT_ID_PLACEHOLDER, encoded)),
        URI.create(cancel.replace(PAYMENT_ID_PLACEHOLDER, encoded)));
  }

  /**
   * Every character but the unreserved ones of RFC 3986 as {@code %XX}, so that the id means the
   * same in a path, a query or a fragment. A payment id is printable ASCII, one byte a character.
   */
  private static String percentEncoded(String id) {
    StringBuilder encoded = new StringBuilder(id.length());
    for (char c : id.toCharArray()) {
      boolean unreserved =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", (int) c));
      }
    }
    return encoded.toString();
  }
}
