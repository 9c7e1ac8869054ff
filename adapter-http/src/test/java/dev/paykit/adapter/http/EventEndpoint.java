package dev.paykit.adapter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.port.shared.WebhookHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The shop's own event endpoint on loopback: answers each POST with the next scripted {@link
 * Answer} (204 when none is left) and keeps every request it received for the test to inspect.
 */
final class EventEndpoint implements AutoCloseable {

  /** A request as the endpoint received it: the raw body and the headers. */
  record Received(String path, byte[] body, WebhookHeaders headers) {}

  /**
   * An answer: {@code status} and {@code headers} after {@code delay}; then, if {@code trickle} is
   * positive, that many one-byte chunks of body 100 ms apart.
   */
  record Answer(int status, Map<String, String> headers, Duration delay, int trickle) {
    static Answer status(int status) {
      return new Answer(status, Map.of(), Duration.ZERO, 0);
    }

    static Answer status(int status, String header, String value) {
      return new Answer(status, Map.of(header, value), Duration.ZERO, 0);
    }

    static Answer after(Duration delay) {
      return new Answer(204, Map.of(), delay, 0);
    }

    static Answer trickling(int chunks) {
      return new Answer(200, Map.of(), Duration.ZERO, chunks);
    }
  }

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  EventEndpoint() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(handlers);
    server.createContext("/", this::answer);
    server.start();
  }

  URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  URI url() {
    return url("/paykit-events");
  }

  /** Answers the next requests with {@code answers}, in order. */
  EventEndpoint thenAnswer(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  Received last() {
    return received.get(received.size() - 1);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(
          new Received(
              exchange.getRequestURI().getPath(),
              body,
              new WebhookHeaders(new LinkedHashMap<>(exchange.getRequestHeaders()))));
      Answer answer = script.poll();
      if (answer == null) {
        answer = Answer.status(204);
      }
      if (pause(answer.delay())) {
        return;
      }
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      if (answer.trickle() == 0) {
        exchange.sendResponseHeaders(answer.status(), -1);
        return;
      }
      exchange.sendResponseHeaders(answer.status(), 0);
      OutputStream out = exchange.getResponseBody();
      for (int i = 0; i < answer.trickle(); i++) {
        out.write('x');
        out.flush();
        if (pause(Duration.ofMillis(100))) {
          return;
        }
      }
    }
  }

  /** Waits, returning true when the endpoint is closing and the handler should stop. */
  private boolean pause(Duration duration) {
    try {
      return closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }
}
