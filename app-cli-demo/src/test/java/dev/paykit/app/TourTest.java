package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.FlowCatalog;
import dev.paykit.app.tour.TourSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole tours, in this JVM, against the sandbox they start: every flow's checks must hold. */
class TourTest {
  private static final List<Flow> FLOWS = FlowCatalog.standard().apply(TourSettings.standard());

  @TempDir Path data;

  @Test
  void the_whole_tour_passes_on_the_in_memory_store() {
    DemoRun run = DemoRun.of(Map.of(), "tour", "--store", "memory", "--data-dir", data.toString());

    assertEveryFlowPassed(run);
  }

  @Test
  void the_whole_tour_passes_on_an_embedded_h2_file() {
    DemoRun run = DemoRun.of(Map.of(), "--store", "h2", "--data-dir", data.toString());

    assertEveryFlowPassed(run);
    assertThat(run.out()).contains("H2 file " + data.toAbsolutePath());
  }

  @Test
  void one_flow_runs_by_name() {
    DemoRun run =
        DemoRun.of(
            Map.of(),
            "tour",
            "--flow",
            "decline",
            "--store",
            "memory",
            "--data-dir",
            data.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("[ 1/1] decline:").doesNotContain("] success:");
    assertThat(run.summaryResult("decline")).isEqualTo("PASSED");
    assertThat(run.summaryResult("tour-wide")).isEqualTo("PASSED");
    assertThat(run.out()).contains("1 passed, 0 failed, 0 skipped");
  }

  @Test
  void verbose_shows_every_exchange_with_the_credentials_masked() {
    DemoRun run =
        DemoRun.of(
            Map.of(),
            "tour",
            "--flow",
            "success",
            "--verbose",
            "--store",
            "memory",
            "--data-dir",
            data.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("--> POST /oauth/token")
        .contains("Authorization: Basic [redacted]")
        .contains("\"access_token\":\"[redacted]\"")
        .contains("--> POST /v1/payments")
        .contains("Authorization: Bearer [redacted]")
        .contains("<-- 201 for POST /v1/payments")
        .contains("Request-Id: req_")
        .contains("dev.paykit.events - payment.created")
        .contains("signature(s), not shown) answered 200");
    assertThat(run.out().toLowerCase(Locale.ROOT)).contains("idempotency-key: pk_");
    assertThat(run.out())
        .doesNotContainPattern("(?i)(bearer|basic) (?!\\[redacted\\])")
        .doesNotContainPattern("\"access_token\"\\s*:\\s*\"(?!\\[redacted\\])");
  }

  @Test
  void an_unknown_flow_is_refused_with_the_known_names() {
    DemoRun run = DemoRun.of(Map.of(), "tour", "--flow", "no-such-flow", "--store", "memory");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown flow 'no-such-flow'")
        .contains("Known flows: success, decline");
    assertThat(run.out()).doesNotContain("Summary");
  }

  @Test
  void the_flows_can_be_listed() {
    DemoRun run = DemoRun.of(Map.of(), "tour", "--list-flows");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().toList()).hasSize(FLOWS.size());
    FLOWS.forEach(flow -> assertThat(run.out()).contains(flow.name()));
  }

  static void assertEveryFlowPassed(DemoRun run) {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    for (Flow flow : FLOWS) {
      assertThat(run.summaryResult(flow.name())).as(flow.name() + "\n" + run).isEqualTo("PASSED");
    }
    assertThat(run.summaryResult("tour-wide")).isEqualTo("PASSED");
    assertThat(run.out())
        .contains(FLOWS.size() + " passed, 0 failed, 0 skipped")
        .doesNotContain("    FAIL  ")
        .contains("Metrics (paykit.* meters from the MeterRegistry)")
        .contains("Every check passed.");
  }
}
