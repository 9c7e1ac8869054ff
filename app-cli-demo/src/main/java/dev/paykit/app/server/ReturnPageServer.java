package dev.paykit.app.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.inbound.returnpage.ReturnPage;
import dev.paykit.inbound.returnpage.ReturnPageResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's page the hosted checkout sends the customer back to, {@code GET /return}: a thin HTTP
 * page over the inbound module's {@link ReturnPage}. The payment is named by {@code payment=<id>}
 * (the core puts the id into the URLs from {@link #returnUrlsFor}) or by {@code
 * order=<externalId>}; whatever else the query says ({@code status=paid}, a transaction id) proves
 * nothing, since anyone can type it. The page shows what the provider said, in customer words.
 */
public final class ReturnPageServer implements AutoCloseable {
  public static final String PATH = "/return";

  private static final Logger log = LoggerFactory.getLogger(ReturnPageServer.class);

  private final ReturnPage page;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  /**
   * @param port the loopback port, 0 for any free one
   */
  public ReturnPageServer(ReturnPage page, int port) {
    this.page = Objects.requireNonNull(page, "page");
    this.executor = BoundedPool.of("paykit-return-page", 2);
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

  /** The page's address, naming no payment. */
  public URI pageUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create(
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + PATH);
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
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        answer(exchange, 405, html("Not allowed", "Use GET.", null));
        return;
      }
      ReturnPageResult result =
          page.show(ReturnPage.parameters(exchange.getRequestURI().getRawQuery()));
      log.debug(
          "Return page: {} {}",
          result.getClass().getSimpleName(),
          result.payment().map(p -> p.id() + " " + p.state()).orElse(""));
      answer(
          exchange,
          result.httpStatus(),
          html(result.message().title(), result.message().body(), result.payment().orElse(null)));
    } catch (RuntimeException e) {
      log.warn("Return page failed: {}", e.getClass().getName());
      answer(exchange, 500, html("Something went wrong", "Please reload this page.", null));
    }
  }

  private static String html(String title, String body, Payment payment) {
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
