package dev.paykit.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests, draws their faults, and writes every response with a {@code Request-Id}. It
 * never logs headers or bodies: only the request id, method, route and status.
 */
final class Router implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final int MAX_BODY = 1 << 20;

  /** Evidence carries up to five documents of 4 MiB each, in base64. */
  static final int MAX_EVIDENCE_BODY = 32 << 20;

  private static final Pattern PARAM = Pattern.compile("\\{([^/}]+)}");

  @FunctionalInterface
  interface Handler {
    Response handle(Request request);
  }

  /**
   * A route. {@code faultable} routes ({@code /oauth/token}, {@code /v1}) take injected faults;
   * {@code latencyInside} routes sleep injected latency themselves (after reserving the key).
   */
  private record Route(
      String method,
      String template,
      String key,
      Pattern pattern,
      List<String> names,
      Handler handler,
      boolean faultable,
      boolean latencyInside,
      int maxBody) {}

  private final List<Route> routes = new ArrayList<>();
  private volatile SandboxFaults faults;

  void useFaults(SandboxFaults faults) {
    this.faults = faults;
  }

  void add(
      String method, String template, Handler handler, boolean faultable, boolean latencyInside) {
    add(method, template, handler, faultable, latencyInside, MAX_BODY);
  }

  /** A route whose bodies may be up to {@code maxBody} bytes (every other route: 1 MiB). */
  void add(
      String method,
      String template,
      Handler handler,
      boolean faultable,
      boolean latencyInside,
      int maxBody) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(template);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    routes.add(
        new Route(
            method,
            template,
            Fault.normalizeEndpoint(method + " " + template),
            Pattern.compile(regex.toString()),
            names,
            handler,
            faultable,
            latencyInside,
            maxBody));
  }

  /** Whether a normalized fault endpoint names a faultable route, or a concrete path of one. */
  boolean isFaultableEndpoint(String endpoint) {
    String[] parts = endpoint.split(" ", 2);
    for (Route route : routes) {
      if (route.faultable
          && (route.key.equals(endpoint)
              || (route.method.equals(parts[0]) && route.pattern.matcher(parts[1]).matches()))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = Ids.requestId();
    long started = System.nanoTime();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    String routeName = path;
    Response response;
    try {
      byte[] body = readBody(exchange.getRequestBody(), MAX_EVIDENCE_BODY);
      Route route = null;
      Map<String, String> params = null;
      TreeSet<String> allowed = new TreeSet<>();
      for (Route candidate : routes) {
        Matcher m = candidate.pattern.matcher(path);
        if (m.matches()) {
          if (candidate.method.equals(method)) {
            route = candidate;
            params = new LinkedHashMap<>();
            for (int i = 0; i < candidate.names.size(); i++) {
              params.put(candidate.names.get(i), m.group(i + 1));
            }
            break;
          }
          allowed.add(candidate.method);
        }
      }
      if (route == null) {
        response =
            allowed.isEmpty()
                ? Response.error(SandboxApiException.notFound("No such endpoint."))
                : Response.error(
                        new SandboxApiException(
                            405,
                            "method_not_allowed",
                            "Method " + method + " is not allowed here.",
                            null,
                            null))
                    .withHeader("Allow", String.join(", ", allowed));
      } else {
        routeName = route.method + " " + route.template;
        if (body.length > route.maxBody) {
          throw SandboxApiException.invalidRequest(
              "The body is larger than " + (route.maxBody >> 20) + " MiB.", null);
        }
        FaultPlan plan =
            route.faultable ? faults.planFor(route.key, method + " " + path) : FaultPlan.NONE;
        Request request =
            new Request(
                requestId,
                method,
                path,
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                body,
                params,
                plan);
        Fault lostOnItsWay = plan.dropBeforeAction();
        if (lostOnItsWay != null) {
          plan.sleepLatencyOnce();
          drop(exchange, lostOnItsWay, requestId, routeName, "did not act");
          return;
        }
        response = run(route, request, plan);
        Fault drop = plan.dropAfterAction();
        if (drop != null) {
          drop(exchange, drop, requestId, routeName, "acted (" + response.status() + ")");
          return;
        }
      }
    } catch (SandboxApiException e) {
      response = Response.error(e);
    } catch (RuntimeException | IOException e) {
      LOG.error("{} {} failed", requestId, routeName, e);
      response =
          Response.error(
              new SandboxApiException(
                  500, "internal_error", "The sandbox failed unexpectedly.", null, null));
    }
    write(exchange, requestId, response);
    LOG.debug(
        "{} {} -> {} ({} ms)",
        requestId,
        routeName,
        response.status(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private static Response run(Route route, Request request, FaultPlan plan) {
    Fault before = plan.errorBeforeAction();
    if (before != null) {
      plan.sleepLatencyOnce();
      return faultResponse(before);
    }
    if (!route.latencyInside) {
      plan.sleepLatencyOnce();
    }
    Response response;
    try {
      response = route.handler.handle(request);
    } catch (SandboxApiException e) {
      response = Response.error(e);
    }
    plan.sleepLatencyOnce();
    Fault after = plan.errorAfterAction();
    return after != null ? faultResponse(after) : response;
  }

  private static Response faultResponse(Fault fault) {
    int status = fault.status();
    if (status == 429) {
      return Response.error(
              new SandboxApiException(
                  429, "rate_limited", "Too many requests (injected fault).", null, null))
          .withHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
    }
    String code = status == 500 ? "internal_error" : "unavailable";
    return Response.error(
        new SandboxApiException(status, code, "Injected fault: HTTP " + status + ".", null, null));
  }

  private static void drop(
      HttpExchange exchange, Fault drop, String requestId, String routeName, String what) {
    LOG.debug(
        "{} {} {} and its connection is dropped ({})", requestId, routeName, what, drop.dropMode());
    if (drop.dropMode() == Fault.DropMode.HOLD) {
      try {
        Thread.sleep(drop.hold().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Closing an exchange whose headers were never sent closes the connection without an answer.
    exchange.close();
  }

  private static byte[] readBody(InputStream in, int max) throws IOException {
    try (in) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw SandboxApiException.invalidRequest(
            "The body is larger than " + (max >> 20) + " MiB.", null);
      }
      return bytes;
    }
  }

  private static void write(HttpExchange exchange, String requestId, Response response)
      throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Request-Id", requestId);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (response.contentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
      }
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
