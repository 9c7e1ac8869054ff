package dev.paykit.bench.jmh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;

/**
 * The rows a database benchmark added during one iteration, deleted again before the next, so the
 * tables stay at the size the run started with (empty, or a growth run's pre-filled rows) instead
 * of growing with the benchmark's own throughput. Deleting is outside the measured time.
 */
final class Rows {
  private static final int CHUNK = 500;

  private final Queue<String> added = new ConcurrentLinkedQueue<>();

  void add(String value) {
    added.add(value);
  }

  /**
   * Runs each statement of {@code sqlWithIn} (each with one {@code IN (%s)} placeholder list) for
   * the recorded values, in chunks, in one transaction per chunk.
   */
  void deleteAll(DataSource dataSource, String... sqlWithIn) throws SQLException {
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
