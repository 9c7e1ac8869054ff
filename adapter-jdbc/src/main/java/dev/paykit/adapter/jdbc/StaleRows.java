package dev.paykit.adapter.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.Query;

/**
 * The reconciler's question to a table with {@code state} and a time column: rows in some states
 * whose time is before a bound, oldest first. The state and the time lead an index on each such
 * table.
 */
final class StaleRows {
  private StaleRows() {}

  /** The query's clauses over {@code timeColumn}. */
  static String clauses(String timeColumn) {
    return "where state in (<states>) and "
        + timeColumn
        + " < :before order by "
        + timeColumn
        + ", id limit :limit";
  }

  /** Whether the question can have an answer at all; the SQL needs at least one state. */
  static boolean askable(Set<? extends Enum<?>> states, int limit) {
    return !states.isEmpty() && limit >= 1;
  }

  static Consumer<Query> bind(Set<? extends Enum<?>> states, Instant before, int limit) {
    List<String> names = states.stream().map(Enum::name).sorted().toList();
    return q ->
        q.bindList("states", names).bind("before", Timestamps.ceil(before)).bind("limit", limit);
  }
}
