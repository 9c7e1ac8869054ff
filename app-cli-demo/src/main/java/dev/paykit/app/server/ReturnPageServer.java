package dev.paykit.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.app.server.ShopCheckout.Cart;
import dev.paykit.app.server.ShopCheckout.Outcome;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.message.CustomerMessage;
import dev.paykit.domain.message.CustomerMessages;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.inbound.returnpage.ReturnPage;
import dev.paykit.inbound.returnpage.ReturnPageResult;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.in.VerifyPayment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo shop, on a loopback port: {@code GET /} opens a new cart, {@code GET /cart?cart=<id>}
 * shows it with a Pay button, {@code POST /pay} creates the attempt's payment and sends the
 * customer to the provider's hosted checkout, and {@code GET /return} is the page the checkout
 * sends the customer back to, a page over the inbound module's {@link ReturnPage}: the payment is
 * named by {@code payment=<id>} (the core puts the id into the URLs from {@link #returnUrlsFor}) or
 * by {@code order=<externalId>}; whatever else the query says ({@code status=paid}, a transaction
 * id) proves nothing, since anyone can type it. The page shows what the provider said, in customer
 * words. While the provider has not decided, the page asks {@code GET /status?payment=<id>}, which
 * answers from the store (the verified webhook, the reconciler) in a few fields of JSON.
 *
 * <p>Every answer forbids inline script and style (Content-Security-Policy), framing and MIME
 * sniffing, and sends no referrer; the pages name no secret and no token.
 */
public final class ReturnPageServer implements AutoCloseable {
  public static final String PATH = "/return";
  static final String CART = "/cart";
  static final String PAY = "/pay";
  static final String STATUS = "/status";
  static final String ASSETS = "/assets/";

  /**
   * Script, styles and look-ups from the shop itself only, nothing inline. There is no {@code
   * form-action}: the answer to the Pay form redirects to the provider's hosted checkout, whose
   * address the provider chooses, and browsers hold that redirect to {@code form-action} too.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

  /** A Pay form is two short fields; anything much longer is not one. */
  private static final int MAX_FORM_BYTES = 2048;

  private static final Logger log = LoggerFactory.getLogger(ReturnPageServer.class);

  private final ReturnPage page;
  private final ListPayments payments;
  private final ShopCheckout checkout;
  private final ShopPages pages;
  private final ShopSettings settings;
  private final ShopAssets assets = new ShopAssets();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  /**
   * @param port the loopback port, 0 for any free one
   */
  public ReturnPageServer(
      CreatePayment create,
      ListPayments payments,
      VerifyPayment verify,
      ShopSettings settings,
      int port) {
    this.payments = Objects.requireNonNull(payments, "payments");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.page = new ReturnPage(payments, verify);
    this.checkout = new ShopCheckout(create, payments, settings);
    this.pages = new ShopPages(settings);
    this.executor = BoundedPool.of("paykit-shop", 4);
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on loopback port " + port, e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  public ReturnPageServer start() {
    server.start();
    return this;
  }

  /** The shop's front door: it opens a new cart. */
  public URI shopUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create(
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
  }

  /** The return page's address, naming no payment. */
  public URI pageUri() {
    return shopUri().resolve(PATH);
  }

  /** The page for an order's newest payment. */
  public URI pageFor(ExternalId order) {
    return URI.create(
        pageUri()
            + "?"
            + ReturnPage.ORDER_PARAMETER
            + "="
            + URLEncoder.encode(order.value(), StandardCharsets.UTF_8));
  }

  /**
   * The success and cancel URLs of a payment for {@code order}: this page, with the placeholder the
   * core replaces by the new payment's id, so that the page finds exactly that payment.
   */
  public ReturnUrls returnUrlsFor(ExternalId order) {
    String payment =
        pageFor(order)
            + "&"
            + ReturnPage.PAYMENT_PARAMETER
            + "="
            + ReturnUrls.PAYMENT_ID_PLACEHOLDER;
    return new ReturnUrls(
        URI.create(payment + "&outcome=success"), URI.create(payment + "&outcome=cancel"));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      try {
        route(exchange, path);
      } catch (ValidationException e) {
        log.debug(
            "Shop: {} {} has a bad {} ({})",
            exchange.getRequestMethod(),
            path,
            e.field(),
            e.rule());
        html(
            exchange,
            400,
            pages.problem(
                "This link is incomplete",
                "The page was asked for with a damaged "
                    + e.field()
                    + ". Please start again from the shop."));
      } catch (RuntimeException e) {
        log.warn(
            "Shop: {} {} failed: {}", exchange.getRequestMethod(), path, e.getClass().getName());
        html(exchange, 500, pages.problem("Something went wrong", "Please reload this page."));
      }
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    switch (path) {
      case "/":
        if (allowed(exchange, "GET")) {
          redirect(exchange, ShopPages.cartPath(ShopCheckout.newCart()));
        }
        break;
      case CART:
        if (allowed(exchange, "GET")) {
          cart(exchange);
        }
        break;
      case PAY:
        if (allowed(exchange, "POST")) {
          pay(exchange);
        }
        break;
      case PATH:
        if (allowed(exchange, "GET")) {
          returnPage(exchange);
        }
        break;
      case STATUS:
        if (allowed(exchange, "GET")) {
          status(exchange);
        }
        break;
      default:
        if (!path.startsWith(ASSETS)) {
          notFound(exchange);
        } else if (allowed(exchange, "GET")) {
          asset(exchange, path.substring(ASSETS.length()));
        }
    }
  }

  private void cart(HttpExchange exchange) throws IOException {
    String cart = query(exchange).get("cart");
    if (cart == null) {
      redirect(exchange, "/");
      return;
    }
    html(exchange, 200, pages.cart(checkout.cart(ShopCheckout.cartId(cart))));
  }

  private void pay(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_FORM_BYTES + 1);
    }
    if (body.length > MAX_FORM_BYTES) {
      html(exchange, 413, pages.problem("Form too large", "This is not a Pay form of the shop."));
      return;
    }
    Map<String, String> form = ReturnPage.parameters(new String(body, StandardCharsets.US_ASCII));
    ExternalId cart = ShopCheckout.cartId(form.get("cart"));
    int attempt = ShopCheckout.attempt(form.get("attempt"));
    Outcome outcome = checkout.pay(cart, attempt, returnUrlsFor(cart));
    log.debug("Shop: pay {} attempt {}: {}", cart, attempt, outcome.getClass().getSimpleName());
    answer(exchange, outcome);
  }

  /** The one place each outcome of {@code POST /pay} is answered. */
  private void answer(HttpExchange exchange, Outcome outcome) throws IOException {
    if (outcome instanceof Outcome.ToCheckout to) {
      redirect(exchange, to.checkout().toString());
    } else if (outcome instanceof Outcome.ToPayment to) {
      redirect(
          exchange, PATH + "?" + Html.query(ReturnPage.PAYMENT_PARAMETER, to.payment().value()));
    } else if (outcome instanceof Outcome.StillStarting still) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      html(exchange, 503, pages.stillStarting(still.cart(), still.attempt()));
    } else if (outcome instanceof Outcome.KeyConflict) {
      html(
          exchange,
          409,
          pages.problem(
              "This cart cannot be paid any more",
              "It changed since you started paying. Please start a new cart."));
    } else {
      throw new IllegalStateException("no answer for " + outcome.getClass().getName());
    }
  }

  private void returnPage(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange);
    ReturnPageResult result = page.show(query);
    log.debug(
        "Return page: {} {}",
        result.getClass().getSimpleName(),
        result.payment().map(p -> p.id() + " " + p.state()).orElse(""));
    Optional<Cart> cart = result.payment().map(p -> checkout.cart(p.externalId()));
    html(exchange, result.httpStatus(), pages.returnPage(result, cart, polls(query)));
  }

  /** The reloads a page without JavaScript counted; only a counter, so junk counts as none. */
  private int polls(Map<String, String> query) {
    String polls = query.get(ShopPages.POLLS_PARAMETER);
    if (polls == null || polls.isEmpty() || polls.length() > 4) {
      return 0;
    }
    for (int i = 0; i < polls.length(); i++) {
      if (!Character.isDigit(polls.charAt(i))) {
        return 0;
      }
    }
    return Math.min(Integer.parseInt(polls), settings.polling().limit());
  }

  /** What the store holds now: no provider call, so that polling costs the provider nothing. */
  private void status(HttpExchange exchange) throws IOException {
    String given = query(exchange).get(ReturnPage.PAYMENT_PARAMETER);
    PaymentId id;
    try {
      id = new PaymentId(given);
    } catch (ValidationException e) {
      ObjectNode error = json.createObjectNode().put("error", "invalid").put("field", "payment");
      json(exchange, 400, error);
      return;
    }
    Optional<Payment> found = payments.find(id);
    if (found.isEmpty()) {
      json(exchange, 404, json.createObjectNode().put("error", "not_found"));
      return;
    }
    Payment payment = found.get();
    CustomerMessage message = CustomerMessages.of(payment);
    json(
        exchange,
        200,
        json.createObjectNode()
            .put("payment", payment.id().value())
            .put("state", payment.state().name())
            .put("terminal", payment.state().isTerminal())
            .put("title", message.title())
            .put("message", message.body()));
  }

  private void asset(HttpExchange exchange, String name) throws IOException {
    Optional<ShopAssets.Asset> asset = assets.find(name);
    if (asset.isEmpty()) {
      notFound(exchange);
      return;
    }
    secure(exchange.getResponseHeaders());
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.getResponseHeaders().set("Content-Type", asset.get().contentType());
    byte[] bytes = asset.get().bytes();
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void notFound(HttpExchange exchange) throws IOException {
    html(exchange, 404, pages.problem("Page not found", "There is no such page in this shop."));
  }

  private static Map<String, String> query(HttpExchange exchange) {
    return ReturnPage.parameters(exchange.getRequestURI().getRawQuery());
  }

  private boolean allowed(HttpExchange exchange, String method) throws IOException {
    if (method.equals(exchange.getRequestMethod())) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", method);
    html(exchange, 405, pages.problem("Not allowed", "Use " + method + "."));
    return false;
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    secure(exchange.getResponseHeaders());
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(303, -1);
  }

  private static void html(HttpExchange exchange, int status, String html) throws IOException {
    secure(exchange.getResponseHeaders());
    HttpAnswers.send(exchange, status, "text/html; charset=utf-8", html);
  }

  private void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    secure(exchange.getResponseHeaders());
    HttpAnswers.send(
        exchange, status, "application/json; charset=utf-8", json.writeValueAsString(body));
  }

  private static void secure(Headers headers) {
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cache-Control", "no-store");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
