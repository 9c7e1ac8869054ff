package dev.paykit.adapter.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The reconciler's question to a table with {@code state} and a time column: rows in some states
 * whose time is before a bound, oldest first. The state and the time lead an index on each such
 * table.
 */
final class StaleRows {
  private StaleRows() {}

  /** The query's clauses over {@code timeColumn}, for {@link #values} of {@code states}. */
  static String clauses(String timeColumn, Set<? extends Enum<?>> states) {
    return "where state in ("
        + Sql.parameters(states.size())
        + ") and "
        + timeColumn
        + " < ? order by "
        + timeColumn
        + ", id limit ?";
  }

  /** Whether the question can have an answer at all; the SQL needs at least one state. */
  static boolean askable(Set<? extends Enum<?>> states, int limit) {
    return !states.isEmpty() && limit >= 1;
  }

  /** The values of {@link #clauses}' parameters, in order. */
  static Object[] values(Set<? extends Enum<?>> states, Instant before, int limit) {
    List<Object> values = new ArrayList<>(states.size() + 2);
    states.stream().map(Enum::name).sorted().forEach(values::add);
    values.add(Timestamps.ceil(before));
    values.add(limit);
    return values.toArray();
  }
}
