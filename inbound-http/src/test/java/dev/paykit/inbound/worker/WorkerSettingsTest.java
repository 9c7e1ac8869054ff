package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.ValidationException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
  private final WorkerSettings defaults = WorkerSettings.defaults();

  @Test
  void the_defaults_are_valid_and_each_value_can_be_changed_alone() {
    WorkerSettings changed =
        defaults
            .withThreads(4)
            .withBatchSize(20)
            .withIdleWait(Duration.ofMillis(100))
            .withReconcileInterval(Duration.ofMinutes(5));

    assertThat(changed)
        .isEqualTo(new WorkerSettings(4, 20, Duration.ofMillis(100), Duration.ofMinutes(5)));
    assertThat(defaults.withThreads(4).batchSize()).isEqualTo(defaults.batchSize());
  }

  @Test
  void threads_must_be_between_1_and_64() {
    rejected(() -> defaults.withThreads(0), "threads", "out_of_range");
    rejected(() -> defaults.withThreads(65), "threads", "out_of_range");
    assertThat(defaults.withThreads(64).threads()).isEqualTo(64);
  }

  @Test
  void the_batch_size_must_be_between_1_and_1000() {
    rejected(() -> defaults.withBatchSize(0), "batchSize", "out_of_range");
    rejected(() -> defaults.withBatchSize(1001), "batchSize", "out_of_range");
    assertThat(defaults.withBatchSize(1).batchSize()).isEqualTo(1);
  }

  @Test
  void the_idle_wait_must_be_a_positive_duration() {
    rejected(() -> defaults.withIdleWait(null), "idleWait", "required");
    rejected(() -> defaults.withIdleWait(Duration.ZERO), "idleWait", "not_positive");
    rejected(() -> defaults.withIdleWait(Duration.ofMillis(-1)), "idleWait", "not_positive");
  }

  @Test
  void the_reconcile_interval_must_be_a_positive_duration() {
    rejected(() -> defaults.withReconcileInterval(null), "reconcileInterval", "required");
    rejected(
        () -> defaults.withReconcileInterval(Duration.ZERO), "reconcileInterval", "not_positive");
  }

  @Test
  void the_wake_up_interval_is_10_ms_unless_set_and_may_be_zero_to_one_second() {
    assertThat(defaults.wakeUpInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(defaults.withWakeUpInterval(Duration.ZERO).wakeUpInterval()).isZero();
    assertThat(defaults.withWakeUpInterval(Duration.ofSeconds(1)).threads())
        .isEqualTo(defaults.threads());
    rejected(() -> defaults.withWakeUpInterval(null), "wakeUpInterval", "required");
    rejected(
        () -> defaults.withWakeUpInterval(Duration.ofMillis(-1)), "wakeUpInterval", "out_of_range");
    rejected(
        () -> defaults.withWakeUpInterval(Duration.ofMillis(1001)),
        "wakeUpInterval",
        "out_of_range");
  }

  private static void rejected(ThrowingCallable settings, String field, String rule) {
    assertThatThrownBy(settings)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.rule()).isEqualTo(rule);
              assertThat(e.getMessage()).startsWith(field + ": ");
            });
  }
}
