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
 * The rows a database benchmark added during one iteration, deleted again before the next, so the
 * tables stay at the size the run started with instead of growing with the benchmark's own
 * throughput. Deleting is outside the measured time. A run on empty tables empties them; a growth
 * run, whose filled rows must stay, deletes what it recorded, by key.
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

  /** Empties {@code tables} (children first), or deletes the recorded rows of a filled schema. */
  void reset(DataSource dataSource, List<String> tables, String... sqlWithIn) throws SQLException {
    if (filled) {
      deleteAll(dataSource, sqlWithIn);
      return;
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table : tables) {
        s.executeUpdate("delete from " + table);
      }
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
