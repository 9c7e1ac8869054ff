package dev.paykit.app.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.message.CustomerMessage;
import dev.paykit.domain.message.CustomerMessages;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.in.VerifyPayment;
import dev.paykit.port.shared.PaymentQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's page the hosted checkout sends the customer back to: {@code GET
 * /return?order=<externalId>}. Whatever else the redirect's query says ({@code status=paid}, a
 * transaction id) proves nothing, since anyone can type it; the page asks the provider through
 * {@link VerifyPayment} and shows the customer what the provider said, in customer words.
 */
public final class ReturnPageServer implements AutoCloseable {
  public static final String PATH = "/return";

  private static final Logger log = LoggerFactory.getLogger(ReturnPageServer.class);

  private final ListPayments payments;
  private final VerifyPayment verify;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  /**
   * @param port the loopback port, 0 for any free one
   */
  public ReturnPageServer(ListPayments payments, VerifyPayment verify, int port) {
    this.payments = Objects.requireNonNull(payments, "payments");
    this.verify = Objects.requireNonNull(verify, "verify");
    this.executor = WebhookReceiverServer.boundedPool("paykit-return-page", 2);
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on loopback port " + port, e);
    }
    server.createContext(PATH, this::handle);
    server.setExecutor(executor);
  }

  public ReturnPageServer start() {
    server.start();
    return this;
  }

  /** The page's address, without an order. */
  public URI pageUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create(
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + PATH);
  }

  /** The page for an order, to put into a payment's success and cancel URLs. */
  public URI pageFor(ExternalId order) {
    return URI.create(
        pageUri() + "?order=" + URLEncoder.encode(order.value(), StandardCharsets.UTF_8));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        answer(exchange, 405, page("Not allowed", "Use GET.", null));
        return;
      }
      String order = query(exchange.getRequestURI()).get("order");
      ExternalId externalId;
      try {
        externalId = new ExternalId(order);
      } catch (ValidationException e) {
        answer(exchange, 400, page("Unknown order", "The link is incomplete.", null));
        return;
      }
      List<Payment> newest =
          payments.list(PaymentQuery.all().withExternalId(externalId).withLimit(1)).items();
      if (newest.isEmpty()) {
        answer(exchange, 404, page("Unknown order", "We have no payment for this order.", null));
        return;
      }
      Payment verified = verify.verify(newest.get(0).id());
      CustomerMessage message = CustomerMessages.of(verified);
      log.debug("Return page for {}: verified {}", verified.id(), verified.state());
      answer(exchange, 200, page(message.title(), message.body(), verified));
    } catch (RuntimeException e) {
      log.warn("Return page failed: {}", e.toString());
      answer(exchange, 500, page("Something went wrong", "Please reload this page.", null));
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> values = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.putIfAbsent(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static String page(String title, String body, Payment payment) {
    String state =
        payment == null
            ? ""
            : "<p class=\"state\" data-state=\""
                + payment.state()
                + "\">Payment "
                + escape(payment.id().value())
                + ": "
                + payment.state()
                + "</p>\n";
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title></head><body>\n<h1>"
        + escape(title)
        + "</h1>\n<p>"
        + escape(body)
        + "</p>\n"
        + state
        + "</body></html>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static void answer(HttpExchange exchange, int status, String html) throws IOException {
    HttpAnswers.send(exchange, status, "text/html; charset=utf-8", html);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
