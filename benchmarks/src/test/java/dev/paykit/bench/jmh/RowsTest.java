package dev.paykit.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.zaxxer.hikari.HikariDataSource;
import dev.paykit.adapter.jdbc.JdbcSettings;
import dev.paykit.adapter.jdbc.JdbcStoreModule;
import dev.paykit.bench.support.GrowthFill;
import dev.paykit.bench.support.PostgresSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowsTest {
  private static final List<String> INBOX = List.of("webhook_inbox");
  private static final String DELETE = "delete from webhook_inbox where event_id in (%s)";

  @Test
  void an_empty_run_leaves_postgresql_tables_empty_and_without_dead_rows() throws Exception {
    try (PostgresSchema schema = postgres()) {
      Injector stores = schema.openStores(2);
      try {
        DataSource pool = stores.getInstance(HikariDataSource.class);
        Rows rows = new Rows(false);
        add(pool, rows, 50);

        rows.reset(pool, INBOX, DELETE);

        assertThat(count(pool)).isZero();
        assertThat(single(pool, "select pg_relation_size('webhook_inbox')")).isZero();
      } finally {
        PostgresSchema.close(stores);
      }
    }
  }

  @Test
  void a_growth_run_removes_only_what_it_added_and_keeps_the_filled_rows() throws Exception {
    try (PostgresSchema schema = postgres()) {
      Injector stores = schema.openStores(2);
      try {
        DataSource pool = stores.getInstance(HikariDataSource.class);
        GrowthFill.fill(schema, 1_000);
        long filled = count(pool);
        Rows rows = new Rows(true);
        add(pool, rows, 1_200);

        rows.reset(pool, INBOX, DELETE);

        assertThat(filled).isPositive();
        assertThat(count(pool)).isEqualTo(filled);
        assertThat(single(pool, "select count(*) from webhook_inbox where event_id like 'evt_t_%'"))
            .isZero();
      } finally {
        PostgresSchema.close(stores);
      }
    }
  }

  @Test
  void an_empty_run_on_the_embedded_database_deletes_every_row(@TempDir Path directory)
      throws Exception {
    Injector stores = Guice.createInjector(new JdbcStoreModule(JdbcSettings.embedded(directory)));
    try (HikariDataSource pool = stores.getInstance(HikariDataSource.class)) {
      Rows rows = new Rows(false);
      add(pool, rows, 50);

      rows.reset(pool, INBOX, DELETE);

      assertThat(count(pool)).isZero();
    }
  }

  private static void add(DataSource pool, Rows rows, int n) throws SQLException {
    Instant now = Instant.now();
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(WebhookReceiveBenchmark.INSERT)) {
      for (int i = 0; i < n; i++) {
        String id = "evt_t_" + i;
        rows.add(id);
        ps.setString(1, id);
        ps.setString(2, "payment.status_changed");
        ps.setString(3, "{}");
        ps.setObject(4, now.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setObject(5, now.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.executeUpdate();
      }
    }
  }

  private static long count(DataSource pool) throws SQLException {
    return single(pool, "select count(*) from webhook_inbox");
  }

  private static long single(DataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** CI has PostgreSQL and must use it; elsewhere, these tests are skipped and say so. */
  private static PostgresSchema postgres() {
    try {
      return PostgresSchema.create(PostgresSchema.DEFAULT_URL, PostgresSchema.DEFAULT_USER);
    } catch (IllegalStateException unreachable) {
      if ("true".equals(System.getenv("CI"))) {
        throw unreachable;
      }
      Assumptions.abort(
          "PostgreSQL not reachable at "
              + PostgresSchema.DEFAULT_URL
              + ", skipping PostgreSQL tests (they run for real in CI)");
      throw unreachable;
    }
  }
}
