package dev.paykit.app.server;

import static dev.paykit.app.server.Html.text;

import dev.paykit.app.server.ShopCheckout.Cart;
import dev.paykit.domain.message.CustomerMessage;
import dev.paykit.domain.message.CustomerMessages;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.inbound.returnpage.ReturnPage;
import dev.paykit.inbound.returnpage.ReturnPageResult;
import java.util.Objects;
import java.util.Optional;

/**
 * The shop's HTML: the cart, the return page and the pages for what went wrong. Every value that is
 * not markup written here goes through {@link Html#text}; the look and the behaviour come from
 * {@code /assets/shop.css} and {@code /assets/shop.js}, so that the Content-Security-Policy can
 * forbid inline script and style. Every customer-facing sentence about a payment comes from {@link
 * CustomerMessages}, through the {@link ReturnPageResult}; nothing the provider wrote, and no
 * decline code, is shown.
 */
final class ShopPages {
  static final String STYLESHEET = "/assets/shop.css";
  static final String SCRIPT = "/assets/shop.js";

  /** The query parameter that counts the reloads of a pending page without JavaScript. */
  static final String POLLS_PARAMETER = "polls";

  static final String GAVE_UP =
      "This is taking longer than usual. You can close this page: we will email you as soon as the"
          + " payment provider confirms your payment.";

  private final ShopSettings settings;

  ShopPages(ShopSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The cart: what is in it, what became of its last payment, and the Pay button. */
  String cart(Cart cart) {
    StringBuilder main = new StringBuilder();
    main.append(steps(1))
        .append("<h1>Your cart</h1>\n")
        .append("<ul class=\"items\"><li><span class=\"item\">")
        .append(text(settings.item()))
        .append("</span> <span class=\"price\">")
        .append(text(Html.money(settings.price())))
        .append("</span></li></ul>\n")
        .append("<p class=\"total\">Total <strong>")
        .append(text(Html.money(settings.price())))
        .append("</strong></p>\n");
    Optional<Payment> paid = cart.paid();
    if (paid.isPresent()) {
      main.append("<p class=\"notice\" role=\"status\">This cart is paid.</p>\n")
          .append("<div class=\"actions\">")
          .append(link("receipt", "primary", returnPath(paid.get()), "See your confirmation"))
          .append(link("new-cart", "", "/", "Start a new cart"))
          .append("</div>\n");
      return page("Your cart", "", "class=\"cart\" data-cart=\"" + text(cart.id()) + "\"", main);
    }
    cart.newest()
        .ifPresent(
            last -> {
              if (last.state().isTerminal()) {
                CustomerMessage message = CustomerMessages.of(last);
                main.append("<p class=\"notice\" role=\"status\"><strong>")
                    .append(text(message.title()))
                    .append(".</strong> ")
                    .append(text(message.body()))
                    .append("</p>\n");
              } else {
                main.append("<p class=\"notice\" role=\"status\">You have started paying for this")
                    .append(" cart: Pay takes you back to the same payment.</p>\n");
              }
            });
    main.append("<div class=\"actions\">")
        .append(payForm(cart.id(), cart.payAttempt(), "pay", "Pay " + Html.money(settings.price())))
        .append("</div>\n")
        .append("<p class=\"fine\">You pay on the payment provider's page, then come back here.")
        .append("</p>\n");
    return page("Your cart", "", "class=\"cart\" data-cart=\"" + text(cart.id()) + "\"", main);
  }

  /**
   * The return page for what the provider said. A pending payment gets a progress indicator and the
   * data {@code shop.js} needs to ask {@code /status} again, and, for browsers without JavaScript,
   * a meta refresh on the same schedule, counted in the {@value #POLLS_PARAMETER} parameter; after
   * the last one the page says that the shop will email the customer.
   *
   * @param cart the payment's cart, for the next attempt's Pay form; empty for a link to nothing
   * @param polls how often a browser without JavaScript has reloaded the page already
   */
  String returnPage(ReturnPageResult result, Optional<Cart> cart, int polls) {
    CustomerMessage message = result.message();
    Optional<Payment> payment = result.payment();
    boolean pending = result instanceof ReturnPageResult.Pending;
    boolean gaveUp = pending && polls >= settings.polling().limit();
    StringBuilder attributes =
        new StringBuilder("class=\"result\" data-result=\"").append(kind(result)).append('"');
    payment.ifPresent(p -> attributes.append(" data-state=\"").append(text(p.state())).append('"'));
    String head = "";
    if (pending && !gaveUp) {
      Payment p = payment.orElseThrow();
      ShopSettings.Polling polling = settings.polling();
      attributes
          .append(" data-status-url=\"")
          .append(text(ReturnPageServer.STATUS + "?" + Html.query("payment", p.id().value())))
          .append("\" data-poll-first-ms=\"")
          .append(polling.first().toMillis())
          .append("\" data-poll-longest-ms=\"")
          .append(polling.longest().toMillis())
          .append("\" data-poll-limit=\"")
          .append(polling.limit())
          .append("\" data-polls=\"0\"");
      long seconds = Math.max(1, (polling.delayAfter(polls).toMillis() + 999) / 1000);
      head =
          "<noscript><meta http-equiv=\"refresh\" content=\""
              + seconds
              + ";url="
              + text(returnPath(p) + "&" + Html.query(POLLS_PARAMETER, Integer.toString(polls + 1)))
              + "\"></noscript>\n";
    }
    StringBuilder main = new StringBuilder(steps(result instanceof ReturnPageResult.Paid ? 3 : 2));
    if (pending) {
      main.append("<p class=\"progress\" id=\"progress\" role=\"status\"")
          .append(gaveUp ? " hidden" : "")
          .append("><span class=\"spinner\" aria-hidden=\"true\"></span>")
          .append("<span>Checking with the payment provider&hellip;</span></p>\n");
    }
    // A bare <h1>: the tour's CustomerBrowser reads the title from it.
    main.append("<h1>")
        .append(text(message.title()))
        .append("</h1>\n<p id=\"message\">")
        .append(text(message.body()))
        .append("</p>\n");
    if (pending) {
      main.append("<p class=\"notice\" id=\"gave-up\"")
          .append(gaveUp ? "" : " hidden")
          .append(">")
          .append(text(GAVE_UP))
          .append("</p>\n");
    }
    payment.ifPresent(p -> main.append(summary(p)));
    main.append("<div class=\"actions\">").append(actions(result, cart)).append("</div>\n");
    return page(message.title(), head, attributes.toString(), main);
  }

  /** {@code POST /pay} found another request still creating the same attempt's payment. */
  String stillStarting(ExternalId cart, int attempt) {
    StringBuilder main =
        new StringBuilder(steps(2))
            .append("<h1>Your payment is being started</h1>\n")
            .append("<p>This takes longer than usual. Press Pay again in a moment: it continues")
            .append(" the same payment, so you are never charged twice.</p>\n")
            .append("<div class=\"actions\">")
            .append(payForm(cart, attempt, "pay", "Pay " + Html.money(settings.price())))
            .append("</div>\n");
    return page("Your payment is being started", "", "class=\"problem\"", main);
  }

  /** A page that says what went wrong, with the way back to the shop. */
  String problem(String title, String body) {
    StringBuilder main =
        new StringBuilder("<h1>")
            .append(text(title))
            .append("</h1>\n<p>")
            .append(text(body))
            .append("</p>\n<div class=\"actions\">")
            .append(link("shop", "primary", "/", "Go to the shop"))
            .append("</div>\n");
    return page(title, "", "class=\"problem\"", main);
  }

  /** The return page's path for a payment, the way the provider sends the customer back. */
  static String returnPath(Payment payment) {
    return ReturnPageServer.PATH
        + "?"
        + Html.query(ReturnPage.PAYMENT_PARAMETER, payment.id().value());
  }

  static String cartPath(ExternalId cart) {
    return ReturnPageServer.CART + "?" + Html.query("cart", cart.value());
  }

  /**
   * Each result's name for the stylesheet and the tests. This and {@link #actions} are the places a
   * new kind of result must be added.
   */
  private static String kind(ReturnPageResult result) {
    if (result instanceof ReturnPageResult.Paid) {
      return "paid";
    } else if (result instanceof ReturnPageResult.Pending) {
      return "pending";
    } else if (result instanceof ReturnPageResult.Failed) {
      return "failed";
    } else if (result instanceof ReturnPageResult.Cancelled) {
      return "cancelled";
    } else if (result instanceof ReturnPageResult.Expired) {
      return "expired";
    } else if (result instanceof ReturnPageResult.NotFound) {
      return "not-found";
    } else if (result instanceof ReturnPageResult.Invalid) {
      return "invalid";
    }
    throw new IllegalStateException("no page for " + result.getClass().getName());
  }

  /**
   * The way on from each result: a declined payment that may be tried again, or an expired one,
   * offers a new attempt (a new payment, a new key); a cancelled one leads back to the cart.
   */
  private String actions(ReturnPageResult result, Optional<Cart> cart) {
    if (result instanceof ReturnPageResult.Paid) {
      return link("continue", "primary", "/", "Continue shopping");
    } else if (result instanceof ReturnPageResult.Pending) {
      return "";
    } else if (result instanceof ReturnPageResult.Failed) {
      Cart of = cart.orElseThrow();
      String back = link("back-to-cart", "", cartPath(of.id()), "Back to your cart");
      return result.message().mayRetry()
          ? payForm(of.id(), of.payAttempt(), "retry", "Try again") + back
          : back;
    } else if (result instanceof ReturnPageResult.Cancelled) {
      return link(
          "back-to-cart", "primary", cartPath(cart.orElseThrow().id()), "Back to your cart");
    } else if (result instanceof ReturnPageResult.Expired) {
      Cart of = cart.orElseThrow();
      return payForm(of.id(), of.payAttempt(), "new-payment", "Start a new payment");
    } else if (result instanceof ReturnPageResult.NotFound
        || result instanceof ReturnPageResult.Invalid) {
      return link("shop", "primary", "/", "Go to the shop");
    }
    throw new IllegalStateException("no actions for " + result.getClass().getName());
  }

  private static String summary(Payment payment) {
    return "<dl class=\"summary\"><dt>Order</dt><dd id=\"order\">"
        + text(payment.externalId())
        + "</dd><dt>Amount</dt><dd id=\"amount\">"
        + text(Html.money(payment.request().amount()))
        + "</dd><dt>Reference</dt><dd id=\"reference\">"
        + text(payment.id().value())
        + "</dd></dl>\n";
  }

  /**
   * A Pay form for one attempt of a cart. {@code shop.js} sends it once however often it is
   * pressed; without JavaScript a second press sends the same attempt, so the same key.
   */
  private static String payForm(ExternalId cart, int attempt, String id, String label) {
    return "<form method=\"post\" action=\""
        + ReturnPageServer.PAY
        + "\" class=\"pay\" data-once>"
        + "<input type=\"hidden\" name=\"cart\" value=\""
        + text(cart.value())
        + "\"><input type=\"hidden\" name=\"attempt\" value=\""
        + attempt
        + "\"><button type=\"submit\" class=\"button primary\" id=\""
        + id
        + "\">"
        + text(label)
        + "</button><p class=\"busy\" role=\"status\" hidden><span class=\"spinner\""
        + " aria-hidden=\"true\"></span> Starting your payment&hellip;</p></form>";
  }

  private static String link(String id, String style, String href, String label) {
    return "<a class=\"button"
        + (style.isEmpty() ? "" : " " + style)
        + "\" id=\""
        + id
        + "\" href=\""
        + text(href)
        + "\">"
        + text(label)
        + "</a>";
  }

  /** Cart, payment, done: where the customer is. */
  private static String steps(int current) {
    String[] names = {"Cart", "Payment", "Done"};
    StringBuilder steps = new StringBuilder("<ol class=\"steps\">");
    for (int i = 1; i <= names.length; i++) {
      steps
          .append("<li")
          .append(i < current ? " class=\"done\"" : "")
          .append(i == current ? " aria-current=\"step\"" : "")
          .append(">")
          .append(names[i - 1])
          .append("</li>");
    }
    return steps.append("</ol>\n").toString();
  }

  private static String page(String title, String head, String mainAttributes, CharSequence main) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + text(title)
        + " - Paykit demo shop</title>\n<link rel=\"stylesheet\" href=\""
        + STYLESHEET
        + "\">\n<script src=\""
        + SCRIPT
        + "\" defer></script>\n"
        + head
        + "</head>\n<body>\n<header class=\"shop\"><a href=\"/\">Paykit demo shop</a></header>\n"
        + "<main "
        + mainAttributes
        + ">\n"
        + main
        + "</main>\n</body>\n</html>\n";
  }
}
