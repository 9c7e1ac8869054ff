package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.FlowCatalog;
import dev.paykit.app.tour.TourContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tour is only green when every check held: one failing check fails the exit code. */
class FailingChecksTest {
  @TempDir Path data;

  @Test
  void a_failing_check_makes_the_exit_code_non_zero_and_the_next_flow_still_runs() {
    FlowCatalog flows =
        settings ->
            List.of(
                new TestFlow("broken", (tour, checks) -> checks.equal("two is three", 2, 3)),
                new TestFlow("fine", (tour, checks) -> checks.that("true holds", true, "")));

    DemoRun run = DemoRun.of(Map.of(), flows, "--store", "memory", "--data-dir", data.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.summaryResult("broken")).isEqualTo("FAILED");
    assertThat(run.summaryResult("fine")).isEqualTo("PASSED");
    assertThat(run.out())
        .contains("FAIL  two is three")
        .contains("expected 2, was 3")
        .contains("Some checks FAILED");
  }

  @Test
  void a_flow_that_throws_fails_with_the_reason() {
    FlowCatalog flows =
        settings ->
            List.of(
                new TestFlow(
                    "throws",
                    (tour, checks) -> {
                      throw new IllegalStateException("the provider vanished");
                    }));

    DemoRun run = DemoRun.of(Map.of(), flows, "--store", "memory", "--data-dir", data.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.summaryResult("throws")).isEqualTo("FAILED");
    assertThat(run.out())
        .contains("FAIL  the flow ran to its end")
        .contains("the provider vanished");
  }

  @Test
  void a_flow_that_checks_nothing_does_not_pass() {
    FlowCatalog flows = settings -> List.of(new TestFlow("idle", (tour, checks) -> {}));

    DemoRun run = DemoRun.of(Map.of(), flows, "--store", "memory", "--data-dir", data.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.summaryResult("idle")).isEqualTo("FAILED");
  }

  /** A flow made of a lambda, for tests of the runner. */
  private record TestFlow(String name, Body body) implements Flow {
    interface Body {
      void run(TourContext tour, Checks checks) throws Exception;
    }

    @Override
    public String title() {
      return "a test flow";
    }

    @Override
    public String narration() {
      return "Only for tests.";
    }

    @Override
    public boolean needsSandboxOnlyEndpoints() {
      return false;
    }

    @Override
    public void run(TourContext tour, Checks checks) throws Exception {
      body.run(tour, checks);
    }
  }
}
