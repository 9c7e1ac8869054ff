package dev.paykit.bench.jmh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;

/**
 * The rows a database benchmark added during one iteration, removed again before the next, outside
 * the measured time, so every iteration meets the tables as the run started with them rather than
 * grown by the benchmark's own throughput.
 *
 * <p>Removing rows is not enough on PostgreSQL: a deleted row stays in the table and its indexes as
 * a dead tuple until a vacuum, and with autovacuum off (as on the machine the figures come from) or
 * behind, each iteration would meet more of them than the last. So a run on empty tables truncates
 * them, which leaves fresh empty files, and a growth run, whose filled rows must stay, deletes what
 * it recorded by key and vacuums.
 */
final class Rows {
  private static final int CHUNK = 500;

  private final boolean filled;
  private final Queue<String> added = new ConcurrentLinkedQueue<>();

  /**
   * @param filled whether the tables held rows before the run that must stay
   */
  Rows(boolean filled) {
    this.filled = filled;
  }

  /** Records a key for {@link #deleteAll}; nothing to record when the tables are emptied. */
  void add(String value) {
    if (filled) {
      added.add(value);
    }
  }

  /**
   * Empties {@code tables} (children first), or deletes the recorded rows of a filled schema; then,
   * on PostgreSQL, leaves no dead tuples behind.
   */
  void reset(DataSource dataSource, List<String> tables, String... sqlWithIn) throws SQLException {
    boolean postgres;
    try (Connection c = dataSource.getConnection()) {
      postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    }
    if (filled) {
      deleteAll(dataSource, sqlWithIn);
      if (postgres) {
        run(dataSource, "vacuum " + String.join(", ", tables));
      }
    } else if (postgres) {
      run(dataSource, "truncate " + String.join(", ", tables));
    } else {
      for (String table : tables) {
        run(dataSource, "delete from " + table);
      }
    }
  }

  private static void run(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Runs each statement of {@code sqlWithIn} (each with one {@code IN (%s)} placeholder list) for
   * the recorded values, in chunks, in one transaction per chunk.
   */
  private void deleteAll(DataSource dataSource, String... sqlWithIn) throws SQLException {
    List<String> values = new ArrayList<>();
    for (String v; (v = added.poll()) != null; ) {
      values.add(v);
    }
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      for (int from = 0; from < values.size(); from += CHUNK) {
        List<String> chunk = values.subList(from, Math.min(values.size(), from + CHUNK));
        String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
        for (String sql : sqlWithIn) {
          try (PreparedStatement ps = c.prepareStatement(String.format(sql, marks))) {
            for (int i = 0; i < chunk.size(); i++) {
              ps.setString(i + 1, chunk.get(i));
            }
            ps.executeUpdate();
          }
        }
        c.commit();
      }
      c.setAutoCommit(auto);
    }
  }
}
