package dev.paykit.inbound.webhook;

import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The servlet binding in a real embedded Jetty 12 (ee10) on loopback. */
class WebhookServletTest extends WebhookBindingContract {
  private Server jetty;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new WebhookServlet(endpoint())), "/webhooks");
    jetty.setHandler(context);
    jetty.start();
    uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks");
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
  }

  @Override
  URI webhookUri() {
    return uri;
  }
}
