package dev.paykit.sandbox;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.TreeSet;

/** The hosted checkout's HTML: plain forms, no script, everything escaped. */
final class CheckoutPages {

  private CheckoutPages() {}

  static String page(SandboxPayment p) {
    String tx = escape(p.transactionId());
    StringBuilder html = new StringBuilder();
    html.append(head("Sandbox checkout"))
        .append("<main>\n<h1>Sandbox checkout</h1>\n")
        .append("<p class=\"amount\">")
        .append(escape(display(p.amount())))
        .append("</p>\n");
    if (p.description() != null) {
      html.append("<p class=\"description\">").append(escape(p.description())).append("</p>\n");
    }
    html.append("<dl>\n")
        .append("<dt>Order</dt><dd>")
        .append(escape(p.externalId()))
        .append("</dd>\n")
        .append("<dt>Transaction</dt><dd id=\"transaction-id\">")
        .append(tx)
        .append("</dd>\n")
        .append("<dt>Status</dt><dd id=\"status\">")
        .append(escape(p.status().wireName()))
        .append("</dd>\n")
        .append("<dt>Expires</dt><dd>")
        .append(escape(Json.time(p.expiresAt())))
        .append("</dd>\n</dl>\n");
    if (p.savePaymentMethod()) {
      html.append(
          "<p class=\"consent\">By paying you allow this merchant to keep your payment method"
              + " and charge it for future payments you agreed to.</p>\n");
    }
    if (p.status().isTerminal()) {
      html.append("<p>This payment is ")
          .append(escape(p.status().wireName()))
          .append(" and can no longer change.</p>\n");
    } else {
      html.append("<form method=\"post\" action=\"/checkout/")
          .append(tx)
          .append("/pay\"><button type=\"submit\" name=\"action\" value=\"pay\">Pay</button>")
          .append("</form>\n");
      html.append("<form method=\"post\" action=\"/checkout/")
          .append(tx)
          .append("/decline\"><label>Decline code <select name=\"declineCode\">");
      for (String code : new TreeSet<>(Requests.DECLINE_CODES)) {
        html.append("<option value=\"")
            .append(code)
            .append(code.equals("do_not_honor") ? "\" selected>" : "\">")
            .append(code)
            .append("</option>");
      }
      html.append("</select></label> ")
          .append("<button type=\"submit\" name=\"action\" value=\"decline\">Decline</button>")
          .append("</form>\n");
      html.append("<form method=\"post\" action=\"/checkout/")
          .append(tx)
          .append("/cancel\"><button type=\"submit\" name=\"action\" value=\"cancel\">Cancel")
          .append("</button></form>\n");
    }
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  static String message(String title, String text) {
    return head(title)
        + "<main>\n<h1>"
        + escape(title)
        + "</h1>\n<p>"
        + escape(text)
        + "</p>\n</main>\n</body>\n</html>\n";
  }

  private static String head(String title) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + escape(title)
        + "</title>\n<style>body{font-family:sans-serif;max-width:32rem;margin:2rem auto}"
        + "form{display:inline-block;margin:.5rem .5rem 0 0}"
        + ".amount{font-size:2rem}</style>\n</head>\n<body>\n";
  }

  /** {@code 1050 EUR} becomes {@code 10.50 EUR}; JPY has no minor digits. */
  static String display(SandboxAmount amount) {
    int digits = Math.max(0, Currency.getInstance(amount.currency()).getDefaultFractionDigits());
    return BigDecimal.valueOf(amount.value(), digits).toPlainString() + " " + amount.currency();
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length());
    Map<Character, String> entities =
        Map.of('<', "&lt;", '>', "&gt;", '&', "&amp;", '"', "&quot;", '\'', "&#39;");
    for (char c : text.toCharArray()) {
      String entity = entities.get(c);
      sb.append(entity != null ? entity : String.valueOf(c));
    }
    return sb.toString();
  }
}
