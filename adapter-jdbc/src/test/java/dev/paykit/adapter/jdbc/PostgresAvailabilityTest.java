package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The rule for a PostgreSQL that is not there: CI fails, a developer's machine skips. */
class PostgresAvailabilityTest {
  // Nothing listens on port 1: the connection is refused at once.
  private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/test";

  @Test
  void an_unreachable_postgresql_fails_the_build_under_ci() {
    TestDatabase database =
        TestDatabase.postgres(Map.of("CI", "true", TestDatabase.POSTGRES_URL_VARIABLE, NOWHERE));

    assertThatThrownBy(() -> database.beforeAll(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PostgreSQL not reachable at " + NOWHERE)
        .hasMessageContaining("CI=true");
  }

  @Test
  void an_unreachable_postgresql_skips_its_tests_elsewhere_and_says_so() {
    TestDatabase database =
        TestDatabase.postgres(Map.of(TestDatabase.POSTGRES_URL_VARIABLE, NOWHERE));

    assertThatThrownBy(() -> database.beforeAll(null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("PostgreSQL not reachable at " + NOWHERE)
        .hasMessageContaining("skipping PostgreSQL tests (they run for real in CI)");
  }
}
