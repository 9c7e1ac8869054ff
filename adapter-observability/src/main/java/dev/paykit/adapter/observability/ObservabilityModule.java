package dev.paykit.adapter.observability;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.paykit.port.out.PaykitObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Binds the observer port to structured logs plus metrics in the given registry. The registry is
 * the application's: a Prometheus or OTLP registry in production, a simple one in the demo. The
 * module does not bind {@link MeterRegistry} itself, so an application that binds its own keeps
 * doing so.
 */
public final class ObservabilityModule extends AbstractModule {
  private final MeterRegistry registry;

  public ObservabilityModule(MeterRegistry registry) {
    this.registry = registry;
  }

  @Provides
  @Singleton
  PaykitObserver observer() {
    return new CompositePaykitObserver(
        List.of(new Slf4jPaykitObserver(), new MicrometerPaykitObserver(registry)));
  }
}
