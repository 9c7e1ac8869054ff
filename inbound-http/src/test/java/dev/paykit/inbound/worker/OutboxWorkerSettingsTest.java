package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxWorkerSettingsTest {

  @Test
  void the_defaults_are_two_threads_batches_of_ten_and_a_second_idle() {
    OutboxWorkerSettings defaults = OutboxWorkerSettings.defaults();

    assertThat(defaults.threads()).isEqualTo(2);
    assertThat(defaults.batchSize()).isEqualTo(10);
    assertThat(defaults.idleWait()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void each_wither_changes_its_own_value_only() {
    OutboxWorkerSettings changed =
        OutboxWorkerSettings.defaults()
            .withThreads(5)
            .withBatchSize(100)
            .withIdleWait(Duration.ofMillis(50));

    assertThat(changed).isEqualTo(new OutboxWorkerSettings(5, 100, Duration.ofMillis(50)));
  }

  @Test
  void threads_out_of_range_are_refused_naming_the_field() {
    assertRefused(() -> OutboxWorkerSettings.defaults().withThreads(0), "threads", "out_of_range");
    assertRefused(
        () -> OutboxWorkerSettings.defaults().withThreads(OutboxWorkerSettings.MAX_THREADS + 1),
        "threads",
        "out_of_range");
  }

  @Test
  void a_batch_size_out_of_range_is_refused_naming_the_field() {
    assertRefused(
        () -> OutboxWorkerSettings.defaults().withBatchSize(0), "batchSize", "out_of_range");
    assertRefused(
        () ->
            OutboxWorkerSettings.defaults().withBatchSize(OutboxWorkerSettings.MAX_BATCH_SIZE + 1),
        "batchSize",
        "out_of_range");
  }

  @Test
  void an_idle_wait_must_be_given_and_positive() {
    assertRefused(() -> OutboxWorkerSettings.defaults().withIdleWait(null), "idleWait", "required");
    assertRefused(
        () -> OutboxWorkerSettings.defaults().withIdleWait(Duration.ZERO),
        "idleWait",
        "not_positive");
    assertRefused(
        () -> OutboxWorkerSettings.defaults().withIdleWait(Duration.ofMillis(-1)),
        "idleWait",
        "not_positive");
  }

  private static void assertRefused(Runnable build, String field, String rule) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.rule()).isEqualTo(rule);
            });
  }
}
