package dev.paykit.inbound.webhook;

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
import java.util.TreeMap;

/**
 * The {@link WebhookEndpoint} in a servlet container (Jakarta Servlet 6): map it to the webhook
 * path and the container hands it every request there, whatever the method, so that the endpoint
 * answers each one (405 with {@code Allow} to anything but POST). The body goes to the endpoint as
 * the request's own stream, byte for byte, never parsed or re-serialized, and is read no further
 * than the endpoint's limit.
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
    WebhookAnswer answer =
        endpoint.handle(
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
