package dev.paykit.adapter.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObservabilityModuleTest {
  @Test
  void the_bound_observer_counts_into_the_given_registry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PaykitObserver observer =
        Guice.createInjector(new ObservabilityModule(registry)).getInstance(PaykitObserver.class);

    observer.on(new PaykitEvent.TokenRefreshed(Instant.EPOCH, Duration.ofHours(1)));

    assertThat(registry.counter("paykit.provider.token_refreshes").count()).isEqualTo(1.0);
  }

  @Test
  void an_application_that_binds_its_own_registry_can_still_install_the_module() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Injector injector =
        Guice.createInjector(
            new ObservabilityModule(registry),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(MeterRegistry.class).toInstance(registry);
              }
            });

    assertThat(injector.getInstance(MeterRegistry.class)).isSameAs(registry);
  }
}
