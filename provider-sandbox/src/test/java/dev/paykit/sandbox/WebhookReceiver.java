package dev.paykit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A merchant's webhook endpoint for the tests: a JDK HTTP server that records every delivery and
 * answers with scripted statuses. Verification is written here independently of the sandbox.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One POST as received: headers and the raw body bytes. */
  record Received(String id, String timestamp, String signature, byte[] body, Instant receivedAt) {
    JsonNode json() {
      try {
        return SandboxClient.JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String status() {
      return json().path("data").path("status").asText();
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Integer> scripted = new ConcurrentLinkedQueue<>();
  private volatile Function<Received, Integer> responder = r -> 204;

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext(
        "/webhooks",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          Received r =
              new Received(
                  exchange.getRequestHeaders().getFirst("webhook-id"),
                  exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                  exchange.getRequestHeaders().getFirst("webhook-signature"),
                  body,
                  Instant.now());
          received.add(r);
          Integer status = scripted.poll();
          exchange.sendResponseHeaders(status != null ? status : responder.apply(r), -1);
          exchange.close();
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks");
  }

  /** The next deliveries get these statuses, in order; then the responder decides. */
  void answerNext(Integer... statuses) {
    scripted.addAll(List.of(statuses));
  }

  void respondWith(Function<Received, Integer> responder) {
    this.responder = responder;
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  List<Received> receivedFor(String transactionId) {
    List<Received> result = new ArrayList<>();
    for (Received r : received) {
      if (transactionId.equals(r.json().path("data").path("transactionId").asText())) {
        result.add(r);
      }
    }
    return result;
  }

  /**
   * Standard Webhooks verification, written from the contract: HMAC-SHA256 keyed with the
   * base64-decoded bytes after {@code whsec_}, over {@code id.timestamp.body}, compared in constant
   * time with each {@code v1,} entry of the signature header.
   */
  static boolean verifies(Received r, String whsecSecret) {
    if (r.id() == null || r.timestamp() == null || r.signature() == null) {
      return false;
    }
    try {
      byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((r.id() + "." + r.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(r.body());
      for (String part : r.signature().split(" ")) {
        if (part.startsWith("v1,")) {
          byte[] given;
          try {
            given = Base64.getDecoder().decode(part.substring(3));
          } catch (IllegalArgumentException e) {
            continue;
          }
          if (MessageDigest.isEqual(expected, given)) {
            return true;
          }
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
