package dev.paykit.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.inbound.worker.InboxWorker;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.testkit.fake.SignedWebhook;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The README's examples of mounting the endpoint, compiled and run: the code between the "README"
 * markers is what the README shows.
 */
class MountingExamplesTest {
  private final Shop shop = new Shop();
  private final Http http = new Http();

  @Test
  void the_endpoint_is_mounted_on_the_jdk_server_and_wakes_the_inbox_worker() throws Exception {
    ReceiveWebhook receiveWebhook = shop.receive();
    int port = 0;
    SignedWebhook webhook = shop.paid("order-readme-jdk");
    // Idle for a minute: only the endpoint's wake-up can make it apply the event within seconds.
    try (InboxWorker worker =
        new InboxWorker(shop.inbox(), WorkerSettings.defaults().withIdleWait(Duration.ofMinutes(1)))
            .start()) {

      // README: JDK server
      WebhookEndpoint endpoint = new WebhookEndpoint(receiveWebhook, delivery -> worker.wakeUp());
      JdkWebhookServer server =
          new JdkWebhookServer(
                  endpoint,
                  JdkWebhookServer.Settings.loopback(port)
                      .withThreads(64)
                      .withReadTimeout(Duration.ofSeconds(10)))
              .start();
      URI webhookUrl = server.uri(); // http://127.0.0.1:<port>/webhooks: tell the provider
      // README: end

      int status;
      try {
        status = http.post(webhookUrl, webhook).statusCode();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!shop.processed(webhook) && System.nanoTime() < until) {
          Thread.sleep(20);
        }
      } finally {
        server.close();
      }

      assertThat(status).isEqualTo(200);
      assertThat(shop.processed(webhook)).isTrue();
    }
  }

  @Test
  void the_endpoint_is_mounted_as_a_servlet_in_jetty() throws Exception {
    ReceiveWebhook receiveWebhook = shop.receive();
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    SignedWebhook webhook = shop.paid("order-readme-servlet");

    // README: servlet
    WebhookEndpoint endpoint = new WebhookEndpoint(receiveWebhook);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new WebhookServlet(endpoint)), "/webhooks");
    jetty.setHandler(context);
    jetty.start();
    // README: end
    int status;
    try {
      status =
          http.post(
                  URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks"), webhook)
              .statusCode();
    } finally {
      jetty.stop();
    }

    assertThat(status).isEqualTo(200);
    assertThat(shop.stored(webhook)).isTrue();
  }
}
