package dev.paykit.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.testkit.ProviderFaults;
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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on a loopback port that forwards everything to a provider's sandbox and commits the
 * {@link ProviderFaults} on the calls it was told the routes of: the fault hooks for any HTTP
 * gateway, whatever the sandbox can inject itself. Point the gateway under test at {@link
 * #baseUri()} instead of the sandbox.
 *
 * <pre>{@code
 * FaultProxy proxy =
 *     FaultProxy.forwardingTo(sandboxUri)
 *         .route(Call.CREATE_PAYMENT, "POST", "/v1/payment_intents")
 *         .route(Call.CREATE_REFUND, "POST", "/v1/refunds")
 *         .start();
 * }</pre>
 *
 * <p>Faults that act ({@link #dropAnswerAfterActing}, {@link #closeAfterActing}, {@link #slowBody})
 * forward the request, so that the provider really acts, and then lose, cut or trickle its answer;
 * the others answer in the sandbox's place without forwarding. The proxy cannot refuse a connection
 * that it has accepted, so {@link #refuseBeforeActing} answers the configured refusal ({@code 503}
 * with an empty body unless {@link Builder#refusal} says otherwise). Every answer the provider gave
 * to a routed call, also one the client never got, is kept in {@link #answers}: what the provider
 * said it did, for a {@link dev.paykit.testkit.ProviderCharges} of a sandbox that has no ledger of
 * its own.
 */
public final class FaultProxy implements ProviderFaults, AutoCloseable {

  /** Headers that belong to one connection, or that the JDK's client sets itself. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "date",
          "expect",
          "from",
          "host",
          "keep-alive",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "via",
          "warning");

  private final URI upstream;
  private final Map<Call, Pattern> routes;
  private final String keyHeader;
  private final Refusal refusal;
  private final Duration hold;
  private final HttpServer server;
  private final ExecutorService threads;
  private final HttpClient client;
  private final URI baseUri;
  private final Object lock = new Object();
  private final Map<Call, Deque<Fault>> armed = new EnumMap<>(Call.class);
  private final Map<Call, Map<String, Integer>> attempts = new EnumMap<>(Call.class);
  private final Map<Call, List<Answer>> answers = new EnumMap<>(Call.class);

  /** What the provider answered to one routed request, before any fault changed it. */
  public record Answer(String idempotencyKey, int status, byte[] body) {
    public Answer {
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    /** Status and key only: a provider's answer may hold anything. */
    @Override
    public String toString() {
      return "Answer[" + status + ", key " + idempotencyKey + ", " + body.length + " bytes]";
    }
  }

  /** The answer {@link #refuseBeforeActing} gives instead of the provider. */
  private record Refusal(int status, String contentType, byte[] body) {}

  private enum Kind {
    DROP,
    CLOSE,
    SLOW_BODY,
    REFUSE,
    ERROR;

    boolean acts() {
      return this == DROP || this == CLOSE || this == SLOW_BODY;
    }
  }

  /** One armed fault; {@code remaining} counts down as attempts meet it. */
  private static final class Fault {
    final Kind kind;
    final int status;
    final Duration duration;
    int remaining;

    Fault(Kind kind, int attempts, int status, Duration duration) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
      this.kind = kind;
      this.remaining = attempts;
      this.status = status;
      this.duration = duration;
    }
  }

  /** Builds a proxy to {@code upstream}, the sandbox's base URI. */
  public static Builder forwardingTo(URI upstream) {
    return new Builder(upstream);
  }

  /** The routes, the idempotency header and the refusal; then {@link #start()}. */
  public static final class Builder {
    private final URI upstream;
    private final Map<Call, Pattern> routes = new EnumMap<>(Call.class);
    private String keyHeader = "Idempotency-Key";
    private Refusal refusal = new Refusal(503, null, new byte[0]);
    private Duration hold = Duration.ofSeconds(60);

    private Builder(URI upstream) {
      this.upstream = Objects.requireNonNull(upstream, "upstream");
    }

    /**
     * Which requests are {@code call}: {@code method} and a path in which every {@code {name}}
     * stands for one segment, e.g. {@code "/v1/payments/{transactionId}/refunds"}. The query is not
     * matched.
     */
    public Builder route(Call call, String method, String pathTemplate) {
      Objects.requireNonNull(call, "call");
      String regex =
          Pattern.quote(method.toUpperCase(Locale.ROOT) + " ")
              + templateRegex(Objects.requireNonNull(pathTemplate, "pathTemplate"));
      routes.put(call, Pattern.compile(regex));
      return this;
    }

    /** The header that carries the idempotency key ({@code Idempotency-Key} by default). */
    public Builder idempotencyKeyHeader(String name) {
      this.keyHeader = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * What {@link ProviderFaults#refuseBeforeActing} answers: the status and body the provider's
     * API documents for a request it did not process.
     */
    public Builder refusal(int status, String contentType, byte[] body) {
      this.refusal = new Refusal(status, contentType, body.clone());
      return this;
    }

    /**
     * How long {@link ProviderFaults#dropAnswerAfterActing} holds a connection before closing it:
     * longer than the gateway waits (60 s by default).
     */
    public Builder hold(Duration hold) {
      this.hold = Objects.requireNonNull(hold, "hold");
      return this;
    }

    /** Starts the proxy; it listens when this returns. */
    public FaultProxy start() {
      if (routes.isEmpty()) {
        throw new IllegalStateException("route at least one call");
      }
      return new FaultProxy(this);
    }

    private static String templateRegex(String template) {
      StringBuilder regex = new StringBuilder();
      for (String part : template.split("(?=\\{)|(?<=})")) {
        regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
      }
      return regex.toString();
    }
  }

  private FaultProxy(Builder builder) {
    this.upstream = builder.upstream;
    this.routes = Map.copyOf(builder.routes);
    this.keyHeader = builder.keyHeader;
    this.refusal = builder.refusal;
    this.hold = builder.hold;
    for (Call call : Call.values()) {
      armed.put(call, new ArrayDeque<>());
      attempts.put(call, new HashMap<>());
      answers.put(call, new ArrayList<>());
    }
    this.threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "fault-proxy");
              thread.setDaemon(true);
              return thread;
            });
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fault proxy", e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
    this.baseUri =
        URI.create(
            "http://"
                + server.getAddress().getAddress().getHostAddress()
                + ":"
                + server.getAddress().getPort());
  }

  /** Where the gateway under test sends its requests. */
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public void dropAnswerAfterActing(Call call, int attempts) {
    arm(call, new Fault(Kind.DROP, attempts, 0, hold));
  }

  @Override
  public void closeAfterActing(Call call, int attempts) {
    arm(call, new Fault(Kind.CLOSE, attempts, 0, null));
  }

  @Override
  public void refuseBeforeActing(Call call, int attempts) {
    arm(call, new Fault(Kind.REFUSE, attempts, refusal.status(), null));
  }

  @Override
  public void rateLimit(Call call, int attempts, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    arm(call, new Fault(Kind.ERROR, attempts, 429, retryAfter));
  }

  @Override
  public void serverError(Call call, int attempts, int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("a server error is 500 to 599");
    }
    arm(call, new Fault(Kind.ERROR, attempts, status, null));
  }

  @Override
  public void slowBody(Call call, int attempts, Duration bodyTime) {
    Objects.requireNonNull(bodyTime, "bodyTime");
    arm(call, new Fault(Kind.SLOW_BODY, attempts, 0, bodyTime));
  }

  @Override
  public void clear() {
    synchronized (lock) {
      armed.values().forEach(Deque::clear);
    }
  }

  @Override
  public int attempts(Call call, IdempotencyKey key) {
    synchronized (lock) {
      return attempts.get(call).getOrDefault(key.value(), 0);
    }
  }

  /**
   * The provider's answers to {@code call}, oldest first, also those a fault kept from the client.
   */
  public List<Answer> answers(Call call) {
    synchronized (lock) {
      return List.copyOf(answers.get(call));
    }
  }

  /** Stops listening and ends held connections at once. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  @Override
  public String toString() {
    return "FaultProxy[" + baseUri + " -> " + upstream + "]";
  }

  private void arm(Call call, Fault fault) {
    if (!routes.containsKey(Objects.requireNonNull(call, "call"))) {
      throw new IllegalStateException("no route was given for " + call);
    }
    synchronized (lock) {
      armed.get(call).add(fault);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      Call call = callOf(method + " " + exchange.getRequestURI().getRawPath());
      String key = exchange.getRequestHeaders().getFirst(keyHeader);
      Fault fault = call == null ? null : attempt(call, key);
      if (fault != null && !fault.kind.acts()) {
        answerInstead(exchange, fault);
        return;
      }
      HttpResponse<byte[]> answer;
      try {
        answer = forward(exchange, method, body);
      } catch (IOException e) {
        respond(exchange, 502, Map.of(), new byte[0]);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (call != null) {
        synchronized (lock) {
          answers.get(call).add(new Answer(key, answer.statusCode(), answer.body()));
        }
      }
      if (fault == null) {
        respond(exchange, answer.statusCode(), answer.headers().map(), answer.body());
      } else if (fault.kind == Kind.SLOW_BODY) {
        trickle(exchange, answer, fault.duration);
      } else if (fault.kind == Kind.DROP) {
        sleep(fault.duration);
      }
      // DROP and CLOSE end here: closing an exchange before its headers closes the connection.
    }
  }

  private Call callOf(String request) {
    for (Map.Entry<Call, Pattern> route : routes.entrySet()) {
      if (route.getValue().matcher(request).matches()) {
        return route.getKey();
      }
    }
    return null;
  }

  /** Counts the attempt and takes the fault it meets, if one is armed. */
  private Fault attempt(Call call, String key) {
    synchronized (lock) {
      if (key != null) {
        attempts.get(call).merge(key, 1, Integer::sum);
      }
      Deque<Fault> queue = armed.get(call);
      Fault fault = queue.peek();
      if (fault != null && --fault.remaining == 0) {
        queue.poll();
      }
      return fault;
    }
  }

  private void answerInstead(HttpExchange exchange, Fault fault) throws IOException {
    if (fault.kind == Kind.REFUSE) {
      Map<String, List<String>> headers =
          refusal.contentType() == null
              ? Map.of()
              : Map.of("Content-Type", List.of(refusal.contentType()));
      respond(exchange, refusal.status(), headers, refusal.body());
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (fault.duration != null) {
      headers.put("Retry-After", List.of(Long.toString(Math.max(0, fault.duration.toSeconds()))));
    }
    respond(exchange, fault.status, headers, new byte[0]);
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, String method, byte[] body)
      throws IOException, InterruptedException {
    URI target = URI.create(upstream.toString().replaceAll("/+$", "") + exchange.getRequestURI());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void respond(
      HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
      throws IOException {
    copyHeaders(exchange, headers);
    boolean empty = body.length == 0 || status == 204 || status == 304;
    exchange.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Status and headers at once, then the body a byte at a time over {@code bodyTime}. */
  private static void trickle(HttpExchange exchange, HttpResponse<byte[]> answer, Duration bodyTime)
      throws IOException {
    byte[] body = answer.body();
    copyHeaders(exchange, answer.headers().map());
    exchange.sendResponseHeaders(answer.statusCode(), 0);
    long pauseNanos = bodyTime.toNanos() / Math.max(1, body.length);
    OutputStream out = exchange.getResponseBody();
    for (byte b : body) {
      // Once the client gives up, the write fails and the trickle ends with the exchange.
      out.write(b);
      out.flush();
      if (!sleep(Duration.ofNanos(pauseNanos))) {
        return;
      }
    }
    out.close();
  }

  private static void copyHeaders(HttpExchange exchange, Map<String, List<String>> headers) {
    headers.forEach(
        (name, values) -> {
          if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
            exchange.getResponseHeaders().put(name, List.copyOf(values));
          }
        });
  }

  /** Sleeps, or returns false once the proxy is closing. */
  private static boolean sleep(Duration duration) {
    try {
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
