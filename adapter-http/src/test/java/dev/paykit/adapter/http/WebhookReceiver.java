package dev.paykit.adapter.http;

import com.sun.net.httpserver.HttpServer;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A merchant's webhook endpoint on loopback: verifies each delivery with the verifier under test,
 * answers 204 when it holds and 400 when it does not (so the provider retries), and keeps every
 * delivery for the test to inspect.
 */
final class WebhookReceiver implements AutoCloseable {

  record Delivery(byte[] body, WebhookHeaders headers, WebhookVerification verification) {}

  private final HttpServer server;
  private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

  WebhookReceiver(WebhookVerifier verifier) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/webhooks",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            WebhookHeaders headers =
                new WebhookHeaders(new LinkedHashMap<>(exchange.getRequestHeaders()));
            WebhookVerification verification = verifier.verify(body, headers);
            deliveries.add(new Delivery(body, headers, verification));
            int status = verification instanceof WebhookVerification.Verified ? 204 : 400;
            exchange.sendResponseHeaders(status, -1);
          }
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks");
  }

  /** The next delivery, waiting for it as long as {@code timeout}. */
  Delivery next(Duration timeout) throws InterruptedException {
    Delivery delivery = deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (delivery == null) {
      throw new AssertionError("no webhook delivery within " + timeout);
    }
    return delivery;
  }

  List<Delivery> next(int count, Duration timeout) throws InterruptedException {
    List<Delivery> received = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      received.add(next(timeout));
    }
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
