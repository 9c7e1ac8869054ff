package dev.paykit.spring.boot;

import dev.paykit.inbound.webhook.WebhookEndpoint;
import dev.paykit.port.in.ReceiveWebhook;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The webhook endpoint as a Spring MVC controller at {@code paykit.webhooks.path}; every delivery
 * it stores wakes the inbox worker up.
 */
@AutoConfiguration(after = {PaykitAutoConfiguration.class, PaykitWorkersAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@EnableConfigurationProperties(PaykitProperties.class)
public class PaykitWebhookAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  WebhookEndpoint paykitWebhookEndpoint(
      ReceiveWebhook receive,
      ObjectProvider<InboxWorkerLifecycle> inbox,
      PaykitProperties properties) {
    return new WebhookEndpoint(
        receive,
        delivery -> inbox.ifAvailable(InboxWorkerLifecycle::wakeUp),
        new PaykitSettingsFactory(properties).endpointSettings());
  }

  @Bean
  @ConditionalOnMissingBean
  PaykitWebhookController paykitWebhookController(WebhookEndpoint endpoint) {
    return new PaykitWebhookController(endpoint);
  }
}
