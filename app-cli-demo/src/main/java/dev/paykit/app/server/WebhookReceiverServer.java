package dev.paykit.app.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.shared.WebhookHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merchant's webhook endpoint: {@code POST /webhooks} on a loopback port, handed to {@link
 * ReceiveWebhook} as the raw body bytes (the signature is over those exact bytes) and answered with
 * the receipt's HTTP status. Nothing slow happens here: processing is the inbox workers' job, so
 * the provider gets its acknowledgement at once.
 *
 * <p>Bodies and signature headers are never logged: a body may carry customer data and a header is
 * only useful to someone forging the next one.
 */
public final class WebhookReceiverServer implements AutoCloseable {
  /** Larger than any event the reference API sends; a bigger body is refused before it is read. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  public static final String PATH = "/webhooks";

  private static final Logger log = LoggerFactory.getLogger(WebhookReceiverServer.class);

  /**
   * Hears about every delivery once it is stored or refused, just before the answer goes out (so
   * that whoever listens has seen it by the time the sender has its acknowledgement), e.g. to wake
   * an inbox worker at once. Must be quick.
   */
  @FunctionalInterface
  public interface Listener {
    void onDelivery(ReceivedWebhook delivery);

    static Listener none() {
      return delivery -> {};
    }
  }

  private final ReceiveWebhook receive;
  private final Listener listener;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  /**
   * @param port the loopback port, 0 for any free one
   * @param threads how many deliveries are handled at once; more wait in a short queue, and beyond
   *     that the accepting thread handles them itself, which slows the sender down
   */
  public WebhookReceiverServer(ReceiveWebhook receive, int port, int threads, Listener listener) {
    this.receive = Objects.requireNonNull(receive, "receive");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.executor = boundedPool("paykit-webhooks", threads);
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on loopback port " + port, e);
    }
    server.createContext(PATH, this::handle);
    server.setExecutor(executor);
  }

  /** A small fixed pool with a bounded queue: a flood of deliveries cannot exhaust memory. */
  static ThreadPoolExecutor boundedPool(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        30,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(threads * 16),
        runnable -> {
          Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        new ThreadPoolExecutor.CallerRunsPolicy());
  }

  public WebhookReceiverServer start() {
    server.start();
    log.info("Webhook receiver listening on {}", webhookUri());
    return this;
  }

  /** Where the provider should send webhooks. */
  public URI webhookUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create(
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + PATH);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        answer(exchange, 404, "{\"result\":\"not_found\"}");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        answer(exchange, 405, "{\"result\":\"method_not_allowed\"}");
        return;
      }
      byte[] body = readBody(exchange);
      if (body == null) {
        answer(exchange, 413, "{\"result\":\"too_large\"}");
        return;
      }
      WebhookHeaders headers = new WebhookHeaders(exchange.getRequestHeaders());
      WebhookReceipt receipt;
      try {
        receipt = receive.receive(body, headers);
      } catch (RuntimeException e) {
        // The store may be down: a 5xx makes the provider deliver again later, nothing is lost.
        log.warn(
            "Webhook {} could not be stored, answering 503: {}",
            headers.first("webhook-id").orElse("(no id)"),
            e.toString());
        answer(exchange, 503, "{\"result\":\"unavailable\"}");
        return;
      }
      try {
        listener.onDelivery(new ReceivedWebhook(body, headers, receipt));
      } catch (RuntimeException e) {
        // The delivery is stored; a listener's failure must not make the provider send it again.
        log.warn("A webhook listener failed: {}", e.toString());
      }
      answer(exchange, receipt.httpStatus(), describe(receipt));
      log.debug(
          "Webhook {} (webhook-timestamp {}, {} signature(s), not shown) answered {} ({})",
          headers.first("webhook-id").orElse("(no id)"),
          headers.first("webhook-timestamp").orElse("missing"),
          headers.first("webhook-signature").map(v -> v.trim().split(" +").length).orElse(0),
          receipt.httpStatus(),
          receipt.getClass().getSimpleName());
    }
  }

  private static String describe(WebhookReceipt receipt) {
    if (receipt instanceof WebhookReceipt.Rejected rejected) {
      String reason = rejected.reason() == null ? "MALFORMED_BODY" : rejected.reason().name();
      return "{\"result\":\"rejected\",\"reason\":\"" + reason + "\"}";
    }
    return receipt instanceof WebhookReceipt.Duplicate
        ? "{\"result\":\"duplicate\"}"
        : "{\"result\":\"accepted\"}";
  }

  /** The body, or null if it is larger than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    HttpAnswers.send(exchange, status, "application/json", json);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    log.info("Webhook receiver on {} stopped", webhookUri());
  }
}
