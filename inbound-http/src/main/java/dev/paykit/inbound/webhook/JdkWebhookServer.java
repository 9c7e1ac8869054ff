package dev.paykit.inbound.webhook;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.shared.WebhookHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WebhookEndpoint} on the JDK's own HTTP server ({@code com.sun.net.httpserver}), for an
 * application without a servlet container: {@code POST <path>} on the configured address, for the
 * shop's one provider ({@link ProviderName#DEFAULT}), and {@code POST <path>/<provider>} for each
 * of several, so that each provider's webhooks are verified with that provider's secret. A provider
 * name that is not configured is answered 404.
 *
 * <p>Hardened against slow and hostile connections: a request must arrive whole (request line,
 * headers and body) within {@link Settings#readTimeout()} or its connection is closed; at most
 * {@link Settings#threads()} requests are read and answered at once, and one more is answered 503
 * with {@code Retry-After} at once (or, when even that cannot be done, has its connection closed)
 * instead of waiting; the accepting thread never serves a request itself, so it keeps accepting
 * however busy the request threads are. An idle keep-alive connection holds no thread. See {@link
 * RequestThreads} for how.
 *
 * <p>The JDK's own {@code sun.net.httpserver.maxReqTime}, {@code maxRspTime} and {@code
 * idleInterval} system properties are deliberately not used: they are read once per JVM, when the
 * JDK's server class is first loaded, so a library setting them would change every other {@code
 * HttpServer} of the application (and could not, once one had started). This server bounds its own
 * requests instead. Those properties, if the application sets them, still apply on top.
 */
public final class JdkWebhookServer implements AutoCloseable {
  public static final String DEFAULT_PATH = "/webhooks";
  public static final int DEFAULT_THREADS = 64;
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  /** Connections the kernel may hold for the accepting thread, which takes them at once anyway. */
  private static final int BACKLOG = 128;

  private static final Logger log = LoggerFactory.getLogger(JdkWebhookServer.class);

  /**
   * Where and how the server listens.
   *
   * @param address the address and port to bind, port 0 for any free one
   * @param path the webhook path, e.g. {@code /webhooks}, with {@code /<provider>} after it for
   *     each provider by name; any other path is answered 404
   * @param threads how many requests are read and answered at once. A thread reading a slow sender
   *     waits most of the time, so this can be generous; a request beyond it is answered 503
   * @param readTimeout how long a request may take to arrive whole, and its answer to be written
   */
  public record Settings(
      InetSocketAddress address, String path, int threads, Duration readTimeout) {
    public Settings {
      if (address == null) {
        throw new ValidationException("address", "required", "is required");
      }
      if (path == null || !path.startsWith("/") || path.length() > 1 && path.endsWith("/")) {
        throw new ValidationException(
            "path", "not_a_path", "must start with / and not end with one, like /webhooks");
      }
      if (threads < 1 || threads > 10_000) {
        throw new ValidationException("threads", "out_of_range", "must be between 1 and 10000");
      }
      if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
        throw new ValidationException("readTimeout", "not_positive", "must be a positive duration");
      }
    }

    /** {@code /webhooks} on the loopback address only, the defaults otherwise. */
    public static Settings loopback(int port) {
      return on(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** {@code /webhooks} on {@code address}, the defaults otherwise. */
    public static Settings on(InetSocketAddress address) {
      return new Settings(address, DEFAULT_PATH, DEFAULT_THREADS, DEFAULT_READ_TIMEOUT);
    }

    public Settings withPath(String value) {
      return new Settings(address, value, threads, readTimeout);
    }

    public Settings withThreads(int value) {
      return new Settings(address, path, value, readTimeout);
    }

    public Settings withReadTimeout(Duration value) {
      return new Settings(address, path, threads, value);
    }
  }

  private final WebhookEndpoint endpoint;
  private final Settings settings;
  private final RequestThreads threads;
  private final HttpServer server;

  /**
   * Binds the address; {@link #start()} starts serving.
   *
   * @throws UncheckedIOException if the address cannot be bound (e.g. the port is taken)
   */
  public JdkWebhookServer(WebhookEndpoint endpoint, Settings settings) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.threads =
        new RequestThreads("paykit-webhooks", settings.threads(), settings.readTimeout());
    try {
      this.server = HttpServer.create(settings.address(), BACKLOG);
    } catch (IOException e) {
      threads.close();
      throw new UncheckedIOException("cannot listen on " + settings.address(), e);
    }
    server.createContext(settings.path(), this::handle);
    server.setExecutor(threads);
  }

  public JdkWebhookServer start() {
    server.start();
    log.info("Webhook endpoint listening on {}", uri());
    return this;
  }

  /** The address the server is bound to, with the port it got when port 0 was asked for. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Where the provider should send webhooks. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort() + settings.path());
  }

  /** Requests whose connection was closed because they took longer than the read timeout. */
  public long requestsCut() {
    return threads.cut();
  }

  /** Requests answered 503 at once because every request thread was busy. */
  public long requestsShed() {
    return threads.shed();
  }

  /** Connections closed unanswered because even the shedding threads were busy. */
  public long connectionsRefused() {
    return threads.refused();
  }

  private void handle(HttpExchange exchange) throws IOException {
    RequestThreads.Request request = threads.current();
    try (exchange) {
      if (request.shedding()) {
        send(exchange, endpoint.unavailable(), true);
        return;
      }
      Optional<ProviderName> provider = providerOf(exchange.getRequestURI().getPath());
      if (provider.isEmpty()) {
        send(exchange, Answers.notFound(), true);
        return;
      }
      BodyRead read =
          endpoint.read(
              new WebhookRequest(
                  exchange.getRequestMethod(),
                  new WebhookHeaders(exchange.getRequestHeaders()),
                  contentLength(exchange.getRequestHeaders()),
                  exchange.getRequestBody()));
      if (read instanceof BodyRead.Refused refused) {
        send(exchange, refused.answer(), true);
        return;
      }
      if (!request.startProcessing()) {
        return;
      }
      WebhookAnswer answer;
      try {
        answer = endpoint.process(provider.get(), (BodyRead.Complete) read);
      } finally {
        request.endProcessing();
      }
      send(exchange, answer, false);
    }
  }

  /**
   * The provider a request path is for: the default one at the path itself, the one named by the
   * segment after it otherwise; empty for any other path, or a segment that cannot be a name.
   */
  private Optional<ProviderName> providerOf(String requestPath) {
    String base = settings.path();
    if (base.equals(requestPath)) {
      return Optional.of(ProviderName.DEFAULT);
    }
    String prefix = base.equals("/") ? "/" : base + "/";
    if (requestPath == null || !requestPath.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ProviderName(requestPath.substring(prefix.length())));
    } catch (ValidationException notAName) {
      return Optional.empty();
    }
  }

  /** The JDK's server has refused a malformed or conflicting length with 400 before this. */
  private static long contentLength(Headers headers) {
    String declared = headers.getFirst("Content-Length");
    return declared == null ? WebhookRequest.UNKNOWN_LENGTH : Long.parseLong(declared.strip());
  }

  /**
   * Writes the answer. {@code close} when the request's body may not have been read to its end: the
   * connection cannot carry another request, and closing it spares reading the rest.
   */
  private static void send(HttpExchange exchange, WebhookAnswer answer, boolean close)
      throws IOException {
    byte[] body = answer.bodyBytes();
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", answer.contentType());
    answer.headers().forEach(headers::set);
    if (close) {
      headers.set("Connection", "close");
    }
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * Stops accepting, closes every connection, and waits (at most the read timeout) for the rest.
   */
  @Override
  public void close() {
    server.stop(0);
    threads.close();
    log.info("Webhook endpoint on {} stopped", uri());
  }
}
