package dev.paykit.app.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback proxy that shows each exchange between the gateway and the provider: request line,
 * headers and body, then status, headers and body of the answer, with every credential masked
 * ({@code Authorization}, access tokens). {@code --verbose} puts it in front of the provider; it
 * changes nothing else: an answer that never comes is not invented here, the connection just closes
 * (or the client times out first).
 */
public final class ExchangeLoggingProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExchangeLoggingProxy.class);

  /** Headers the JDK client sets itself; the rest is passed on as it came. */
  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

  private static final Pattern TOKEN_IN_BODY =
      Pattern.compile("(\"access_token\"\\s*:\\s*\")[^\"]*(\")");
  private static final int MAX_BODY_SHOWN = 600;

  private final URI target;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param target the provider's base URI
   * @param timeout how long an exchange may take, at least the gateway's own timeout
   */
  public ExchangeLoggingProxy(URI target, Duration timeout) {
    this.target = Objects.requireNonNull(target, "target");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.executor = BoundedPool.of("paykit-exchange-log", 8);
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on a loopback port", e);
    }
    server.createContext("/", this::forward);
    server.setExecutor(executor);
  }

  public ExchangeLoggingProxy start() {
    server.start();
    return this;
  }

  /** Where the gateway should send its requests instead. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      String pathAndQuery = query == null ? path : path + "?" + query;
      log.info(
          "--> {} {}{}{}",
          method,
          pathAndQuery,
          headers(exchange.getRequestHeaders()),
          shown(body));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target + pathAndQuery))
              .timeout(timeout)
              .method(
                  method,
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(value -> request.header(name, value));
                }
              });
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        log.info("<-- no answer to {} {} ({})", method, path, e.getClass().getSimpleName());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      log.info(
          "<-- {} for {} {}{}{}",
          response.statusCode(),
          method,
          path,
          headers(response.headers().map()),
          shown(response.body()));
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  /** The headers worth seeing, credentials masked, in a stable order. */
  static String headers(Map<String, List<String>> headers) {
    Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sorted.putAll(headers);
    StringBuilder shown = new StringBuilder();
    sorted.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (HOP_BY_HOP.contains(lower) || lower.equals("user-agent") || lower.equals("date")) {
            return;
          }
          String value = String.join(", ", values);
          if (lower.equals("authorization")) {
            int space = value.indexOf(' ');
            value = (space > 0 ? value.substring(0, space) : "") + " [redacted]";
          }
          shown.append("\n      ").append(display(lower)).append(": ").append(value);
        });
    return shown.toString();
  }

  /** {@code request-id} as {@code Request-Id}: servers and clients spell names differently. */
  private static String display(String lowerCaseName) {
    StringBuilder name = new StringBuilder(lowerCaseName.length());
    boolean upper = true;
    for (char c : lowerCaseName.toCharArray()) {
      name.append(upper ? Character.toUpperCase(c) : c);
      upper = c == '-';
    }
    return name.toString();
  }

  /** The body as text, any access token masked, shortened if long. */
  static String shown(byte[] body) {
    if (body.length == 0) {
      return "";
    }
    String text =
        TOKEN_IN_BODY
            .matcher(new String(body, StandardCharsets.UTF_8))
            .replaceAll("$1[redacted]$2");
    if (text.length() > MAX_BODY_SHOWN) {
      text = text.substring(0, MAX_BODY_SHOWN) + "... (" + body.length + " bytes)";
    }
    return "\n      " + text;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
