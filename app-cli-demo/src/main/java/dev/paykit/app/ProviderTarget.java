package dev.paykit.app;

import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.app.tour.TourSettings;
import dev.paykit.sandbox.SandboxConfig;
import dev.paykit.transport.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Which provider the gateway talks to: a sandbox the demo starts itself, or another server. */
public sealed interface ProviderTarget {

  /** The external server when one is configured, otherwise a sandbox with the tour's timings. */
  static ProviderTarget of(
      Optional<ProviderHttpSettings> external, TourSettings timings, Clock clock) {
    return external
        .<ProviderTarget>map(External::new)
        .orElseGet(
            () ->
                new StartSandbox(
                    timings.sandbox(clock),
                    timings.connectTimeout(),
                    timings.requestTimeout(),
                    timings.retry()));
  }

  /**
   * Start the sandbox with {@code config}; its generated credentials go to the gateway in-process,
   * so they never appear on a command line, in the environment or on screen.
   */
  record StartSandbox(
      SandboxConfig config, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry)
      implements ProviderTarget {
    public StartSandbox {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(retry, "retry");
    }
  }

  /** A server that speaks the reference API, its credentials read from the environment. */
  record External(ProviderHttpSettings settings) implements ProviderTarget {
    public External {
      Objects.requireNonNull(settings, "settings");
    }
  }
}
