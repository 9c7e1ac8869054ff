package dev.paykit.spring.boot;

import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.ProcessInbox;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Spring Boot's actuator: Paykit's health indicator ({@code management.health.paykit.enabled})
 * and the masking of Paykit's secrets in the {@code env} and {@code configprops} endpoints.
 */
@AutoConfiguration(after = PaykitAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public class PaykitHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PaykitSecretsSanitizer paykitSecretsSanitizer() {
    return new PaykitSecretsSanitizer();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("paykit")
  static class Health {

    @Bean
    @ConditionalOnMissingBean(name = "paykitHealthIndicator")
    PaykitHealthIndicator paykitHealthIndicator(
        DispatchOutbox outbox, ProcessInbox inbox, ObjectProvider<ProviderCheck> provider) {
      return new PaykitHealthIndicator(
          outbox, inbox, Optional.ofNullable(provider.getIfAvailable()));
    }
  }
}
