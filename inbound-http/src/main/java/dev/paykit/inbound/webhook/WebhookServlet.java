package dev.paykit.inbound.webhook;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.shared.WebhookHeaders;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link WebhookEndpoint} in a servlet container (Jakarta Servlet 6): map it to the webhook
 * path and the container hands it every request there, whatever the method, so that the endpoint
 * answers each one (405 with {@code Allow} to anything but POST). The body goes to the endpoint as
 * the request's own stream, byte for byte, never parsed or re-serialized, and is read no further
 * than the endpoint's limit.
 *
 * <p>Mapped to the webhook path itself, it takes the shop's one provider's webhooks ({@link
 * ProviderName#DEFAULT}); mapped to {@code <path>/*}, it also takes {@code <path>/<provider>} for
 * each of several providers, each verified with its own provider's secret.
 *
 * <p>How long a slow sender may hold a connection is the container's business (Jetty's idle
 * timeout, Tomcat's connection timeout); set it there.
 */
public final class WebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /**
   * A servlet is serialized only by containers that persist sessions, which this one has none of.
   */
  private final transient WebhookEndpoint endpoint;

  public WebhookServlet(WebhookEndpoint endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    answer(providerOf(request.getPathInfo()), request, response);
  }

  /**
   * Answers a request for the provider named {@code provider}, for a framework that routes by path
   * itself (a Spring MVC controller at {@code <path>/{provider}}); 404 for what cannot be a name.
   */
  public void serve(String provider, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    answer(providerOf("/" + provider), request, response);
  }

  private void answer(
      Optional<ProviderName> provider, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    WebhookAnswer answer =
        provider.isEmpty()
            ? Answers.notFound()
            : endpoint.handle(
                provider.get(),
                new WebhookRequest(
                    request.getMethod(),
                    headers(request),
                    Math.max(request.getContentLengthLong(), WebhookRequest.UNKNOWN_LENGTH),
                    request.getInputStream()));
    byte[] body = answer.bodyBytes();
    response.setStatus(answer.status());
    response.setContentType(answer.contentType());
    answer.headers().forEach(response::setHeader);
    response.setContentLength(body.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }

  /** The default provider at the mapped path itself, the named one at a segment after it. */
  private static Optional<ProviderName> providerOf(String pathInfo) {
    if (pathInfo == null || pathInfo.equals("/")) {
      return Optional.of(ProviderName.DEFAULT);
    }
    try {
      return Optional.of(new ProviderName(pathInfo.substring(1)));
    } catch (ValidationException notAName) {
      return Optional.empty();
    }
  }

  private static WebhookHeaders headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : Collections.list(request.getHeaderNames())) {
      headers
          .computeIfAbsent(name, n -> new ArrayList<>())
          .addAll(Collections.list(request.getHeaders(name)));
    }
    return new WebhookHeaders(headers);
  }
}
