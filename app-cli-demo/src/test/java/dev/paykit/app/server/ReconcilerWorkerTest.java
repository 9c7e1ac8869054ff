package dev.paykit.app.server;

import static org.awaitility.Awaitility.await;

import dev.paykit.port.in.ReconciliationReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconcilerWorkerTest {
  @Test
  void passes_go_on_after_one_fails() {
    AtomicInteger passes = new AtomicInteger();
    try (ReconcilerWorker worker =
        new ReconcilerWorker(
                () -> {
                  if (passes.incrementAndGet() == 1) {
                    throw new IllegalStateException("provider unreachable");
                  }
                  return new ReconciliationReport(List.of(), List.of());
                },
                Duration.ofMillis(10))
            .start()) {
      await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 3);
    }
  }
}
