package dev.paykit.spring.boot;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.inbound.webhook.WebhookEndpoint;
import dev.paykit.inbound.webhook.WebhookServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The webhook endpoint at {@code paykit.webhooks.path}, as a Spring MVC controller. It takes every
 * method, so that the endpoint itself answers 405 to anything but POST, and hands the request to
 * inbound-http's {@link WebhookServlet}: the body reaches Paykit as the request's own stream, byte
 * for byte, never bound to an object or re-serialized (the signature is over those bytes), and the
 * answers are the endpoint's own. The path itself is the shop's one provider's; {@code
 * <path>/<provider>} is each of several providers' (see {@code ProviderGateways}).
 */
@Controller
public class PaykitWebhookController {
  private final WebhookServlet servlet;

  public PaykitWebhookController(WebhookEndpoint endpoint) {
    this.servlet = new WebhookServlet(endpoint);
  }

  @RequestMapping("${paykit.webhooks.path:/webhooks}")
  public void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // The servlet's own path reading does not apply: the dispatcher, not it, is mapped here.
    servlet.serve(ProviderName.DEFAULT.value(), request, response);
  }

  @RequestMapping("${paykit.webhooks.path:/webhooks}/{provider}")
  public void receive(
      @PathVariable("provider") String provider,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    servlet.serve(provider, request, response);
  }
}
