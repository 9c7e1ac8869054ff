package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole tour on PostgreSQL, at {@code PAYKIT_TEST_PG_URL} or 127.0.0.1:5432/test as user
 * postgres. Skipped where no PostgreSQL answers, except on CI ({@code CI=true}), which must never
 * pass by skipping.
 */
class PostgresTourTest {
  private static final String URL =
      System.getenv().getOrDefault("PAYKIT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

  @TempDir Path data;

  @Test
  void the_whole_tour_passes_on_postgresql_in_a_schema_it_drops_afterwards() throws SQLException {
    assumeReachable();
    int schemasBefore = tourSchemas();

    DemoRun run =
        DemoRun.of(
            Map.of("PAYKIT_DB_USER", "postgres"),
            "tour",
            "--store",
            "postgres",
            "--db",
            URL,
            "--data-dir",
            data.toString());

    TourTest.assertEveryFlowPassed(run);
    assertThat(run.out()).contains("fresh schema paykit_tour_").contains("(dropped at the end");
    assertThat(tourSchemas()).isEqualTo(schemasBefore);
  }

  private static int tourSchemas() throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "select count(*) from information_schema.schemata"
                        + " where schema_name like 'paykit_tour_%'")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void assumeReachable() {
    try (Connection ignored = DriverManager.getConnection(URL, "postgres", "")) {
      // reachable
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("PostgreSQL must be reachable on CI at " + URL, e);
      }
      Assumptions.abort("no PostgreSQL at " + URL + ": " + e.getMessage());
    }
  }
}
