package dev.paykit.app.server;

import dev.paykit.domain.money.Money;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.owasp.encoder.Encode;

/**
 * How a value the pages did not write themselves gets into the shop's HTML: {@link #text} for every
 * one of them, in element content and in double-quoted attributes alike, and {@link #query} for the
 * values of a link's query string (which {@link #text} then escapes as a whole).
 */
final class Html {
  private Html() {}

  /** The value as HTML text: {@code & < > " '} escaped (OWASP Java Encoder); null as nothing. */
  static String text(Object value) {
    return value == null ? "" : Encode.forHtml(value.toString());
  }

  /** {@code name=value}, the value percent-encoded as a form would send it. */
  static String query(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@code 10.50 EUR}: the amount in the currency's minor digits, as the customer reads it. */
  static String money(Money amount) {
    return amount.toDecimal().toPlainString() + " " + amount.currencyCode();
  }
}
