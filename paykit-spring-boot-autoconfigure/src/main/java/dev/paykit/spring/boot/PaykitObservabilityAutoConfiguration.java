package dev.paykit.spring.boot;

import dev.paykit.adapter.observability.CompositePaykitObserver;
import dev.paykit.adapter.observability.MicrometerPaykitObserver;
import dev.paykit.adapter.observability.Slf4jPaykitObserver;
import dev.paykit.port.out.PaykitObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Paykit's observer ({@code paykit-adapter-observability}), unless the application defines its own:
 * SLF4J log lines, and the {@code paykit.*} meters in the application's {@link MeterRegistry} when
 * it has one (Spring Boot's actuator makes one).
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass({Slf4jPaykitObserver.class, MeterRegistry.class})
public class PaykitObservabilityAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PaykitObserver paykitObserver(ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meters = registry.getIfUnique();
    Slf4jPaykitObserver logs = new Slf4jPaykitObserver();
    return meters == null
        ? logs
        : new CompositePaykitObserver(List.of(logs, new MicrometerPaykitObserver(meters)));
  }
}
